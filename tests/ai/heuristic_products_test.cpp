// tests/ai/heuristic_products_test.cpp mirrors core/ai/heuristic_products.cpp
#include "core/ai/heuristic_products.hpp"
#include "tests/ai/text_page.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::ai::heuristic;

TEST_CASE("read_fields reads a grid card", "[ai]")
{
  const model::Product p = read_fields({{"NEW", 7},
                                        {"Style # SS26-1042", 8},
                                        {"Linen Wrap Dress", 10},
                                        {"Relaxed wrap in washed linen.", 7},
                                        {"Colours: Black / Ivory", 7},
                                        {"XS-XL", 7},
                                        {"$98.00", 7},
                                        {"$42.00", 7}},
                                       "");
  CHECK(p.style_number == "SS26-1042");
  CHECK(p.name == "Linen Wrap Dress");
  CHECK(p.description == "Relaxed wrap in washed linen.");
  CHECK(p.colors == std::vector<std::string>{"Black", "Ivory"});
  CHECK(p.sizes == std::vector<std::string>{"XS", "S", "M", "L", "XL"});
  CHECK(p.wholesale_price == 42.0); // two unlabelled prices: the lower is wholesale
  CHECK(p.retail_price == 98.0);
  CHECK(p.currency == "USD");
}

TEST_CASE("read_fields takes labels, the document currency and unknown colours", "[ai]")
{
  const model::Product p = read_fields(
      {{"W24.118 Boxy Poplin Shirt", 9}, {"Tobacco", 7}, {"RRP 95,00", 7}, {"WHS 38,00", 7}},
      "EUR");
  CHECK(p.style_number == "W24.118");
  CHECK(p.name == "Boxy Poplin Shirt");
  CHECK(p.colors == std::vector<std::string>{"Tobacco"});
  CHECK(p.wholesale_price == 38.0);
  CHECK(p.retail_price == 95.0);
  CHECK(p.currency == "EUR");
  CHECK(p.sizes.empty());
}

TEST_CASE("products reads a constructed table page and its heading-free categories", "[ai]")
{
  model::TextPage page;
  page.page = 1;
  page.width = 842;
  page.height = 595;
  auto put = [&](double x, double y, const std::string& text) {
    test::put_words(page, x, y, text);
  };
  const double cols[] = {40, 120, 300, 420, 500, 580};
  const char* header[] = {"Style No", "Description", "Colours", "Sizes", "WHS (GBP)", "RRP (GBP)"};
  for (int c = 0; c < 6; ++c) {
    put(cols[c], 80, header[c]);
  }
  const char* rows[][6] = {
      {"AB1234", "Chunky Cable Jumper", "Oat, Navy", "S/M, M/L", "45.00", "110.00"},
      {"AB1240", "Wide Leg Jeans", "Indigo", "25-29", "38.00", "95.00"}};
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 6; ++c) {
      put(cols[c], 110 + r * 40, rows[r][c]);
    }
  }
  put(40, 560, "Page 1 of 1");
  ai::ProductRequest request;
  request.pages = {page};
  request.categories = {"Knitwear", "Denim"};
  int units = 0;
  const std::vector<model::Product> got = products(request, [&] { ++units; });
  CHECK(units == 1);
  REQUIRE(got.size() == 2);
  CHECK(got[0].style_number == "AB1234");
  CHECK(got[0].name == "Chunky Cable Jumper");
  CHECK(got[0].sizes == std::vector<std::string>{"S/M", "M/L"});
  CHECK(got[0].colors == std::vector<std::string>{"Oat", "Navy"});
  CHECK(got[0].wholesale_price == 45.0);
  CHECK(got[0].retail_price == 110.0);
  CHECK(got[0].currency == "GBP");
  CHECK(got[0].category == "Knitwear");
  CHECK(got[1].sizes == std::vector<std::string>{"25", "26", "27", "28", "29"});
  CHECK(got[1].category == "Denim");
  CHECK(got[0].bbox.y1 <= got[1].bbox.y0 + 0.001);
  CHECK(got[1].bbox.y1 < 560);
}

TEST_CASE(
    "products reads a spreadsheet price list: run-together headers, section rows, centred cells",
    "[ai]")
{
  // As LibreOffice Calc prints one: a running item number touching the
  // description, MSRP touching Size, a bold section row over its rows, a
  // colour cell of two lines centred on its row.
  model::TextPage page;
  page.page = 1;
  page.width = 612;
  page.height = 792;
  auto put = [&](double x, double y, const std::string& text, bool bold = false) {
    test::put_words(page, x, y, text, {7, bold, 1}); // a gutter no wider than a word space
  };
  put(112, 100, "Item No Description"); // "Description" starts at 138
  put(330, 100, "Colours");
  put(428, 100, "Price");
  put(470, 100, "MSRP Size"); // "Size" starts at 491
  put(540, 100, "SKU");
  put(150, 120, "Knitwear", true);
  put(133, 160, "1 Fisherman Rib Sweater: Chunky wool.");
  put(330, 154, "Cream, Charcoal,");
  put(330, 164, "Navy");
  put(425, 160, "$52.00");
  put(466, 160, "$125.00 S-XL");
  put(540, 160, "51021");
  put(133, 220, "2 Cashmere Crew Neck: Two-ply.");
  put(330, 220, "Camel");
  put(425, 220, "$118.00");
  put(466, 220, "$285.00 XS-L");
  put(540, 220, "51022");
  put(287, 751, "Page 1 of 1");
  ai::ProductRequest request;
  request.pages = {page};
  const std::vector<model::Product> got = products(request, {});
  REQUIRE(got.size() == 2);
  CHECK(got[0].style_number == "51021"); // the SKU column, not the running number
  CHECK(got[0].name == "Fisherman Rib Sweater");
  CHECK(got[0].description == "Chunky wool.");
  CHECK(got[0].colors == std::vector<std::string>{"Cream", "Charcoal", "Navy"});
  CHECK(got[0].wholesale_price == 52.0);
  CHECK(got[0].retail_price == 125.0);
  CHECK(got[0].sizes == std::vector<std::string>{"S", "M", "L", "XL"});
  CHECK(got[0].category == "Knitwear");
  CHECK(got[1].name == "Cashmere Crew Neck");
  CHECK(got[1].sizes == std::vector<std::string>{"XS", "S", "M", "L"});
  CHECK(got[1].category == "Knitwear");
}
