// tests/po/items_test.cpp mirrors core/po/items.cpp
#include "core/po/columns.hpp"
#include "core/po/enrich.hpp"
#include "core/po/items.hpp"
#include "core/po/skus.hpp"
#include "core/po/text.hpp"
#include "core/po/xlsx_reader.hpp"
#include "tests/po/po_test_support.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::po;
using collproc::test::po_fixture;

namespace {

std::vector<model::Product> linesheet()
{
  model::Product dress;
  dress.product_id = "p-dress";
  dress.style_number = "SS26-1042";
  dress.name = "Linen Wrap Dress";
  dress.category = "Dresses";
  dress.colors = {"Black", "Ivory"};
  dress.sizes = {"XS", "S", "M", "L", "XL"};
  dress.wholesale_price = 40.0;
  dress.retail_price = 98.0;
  dress.currency = "USD";
  model::Product knit;
  knit.product_id = "p-knit";
  knit.style_number = "SS26-2001";
  knit.name = "Cable Knit Crew";
  knit.category = "Knitwear";
  knit.colors = {"Oatmeal Heather", "Oat"};
  knit.sizes = {"One Size"};
  knit.wholesale_price = 55.0;
  knit.retail_price = 140.0;
  knit.currency = "USD";
  return {dress, knit};
}

model::DocumentRecord po_record()
{
  model::DocumentRecord po;
  po.document_id = "doc-po";
  po.sha256 = "ab12";
  po.kind = model::DocumentKind::po;
  return po;
}

std::vector<model::Item> items_of_long_po(const std::string& collection = "ss26")
{
  const model::PoTable t = read_xlsx(po_fixture("long.xlsx"), "long.xlsx");
  const SkuExtraction x = extract_skus(t, identify_columns(t));
  const std::vector<model::Product> products = linesheet();
  return build_items(enrich(x.skus, products), products, {{"p-dress", {"images/aaa.jpg"}}},
                     collection, po_record());
}

} // namespace

TEST_CASE("build_items makes one item per style and colour in the linesheet's spelling", "[po]")
{
  const std::vector<model::Item> items = items_of_long_po();
  REQUIRE(items.size() == 4);
  // Sorted by style number then colour.
  CHECK(items[0].style_number == "#ZZ-9000");
  CHECK(items[1].style_number == "SS26-1042");
  CHECK(items[1].color == "Black");
  CHECK(items[1].sizes == std::map<std::string, int>{{"M", 4}, {"S", 2}});
  CHECK(items[1].total_quantity == 6);
  CHECK(items[1].rows == std::vector<int>{7, 8});
  CHECK(items[1].name == "Linen Wrap Dress");
  CHECK(items[1].category == "Dresses");
  CHECK(items[1].images == std::vector<std::string>{"images/aaa.jpg"});
  CHECK(items[1].po_document_id == "doc-po");
  CHECK(items[2].color == "Ivory");
  CHECK(items[2].total_quantity == 3);
}

TEST_CASE("build_items takes the PO's unit cost, else the linesheet's wholesale price", "[po]")
{
  const std::vector<model::Item> items = items_of_long_po();
  REQUIRE(items.size() == 4);
  REQUIRE(items[1].unit_cost);
  CHECK(*items[1].unit_cost == 42.0); // the PO says 42, the linesheet 40
  REQUIRE(items[3].unit_cost);
  CHECK(*items[3].unit_cost == 55.0); // no cost on the PO
  REQUIRE(items[1].retail_price);
  CHECK(*items[1].retail_price == 98.0);
}

TEST_CASE("build_items gives a one-size product's OS size the linesheet's label", "[po]")
{
  const std::vector<model::Item> items = items_of_long_po();
  REQUIRE(items.size() == 4);
  CHECK(items[3].style_number == "SS26-2001");
  CHECK(items[3].color == "Oat");
  CHECK(items[3].sizes == std::map<std::string, int>{{"One Size", 5}});
}

TEST_CASE("build_items keeps a style on no linesheet with the PO's own data", "[po]")
{
  const std::vector<model::Item> items = items_of_long_po();
  const model::Item& tote = items[0];
  CHECK_FALSE(tote.on_linesheet);
  CHECK(tote.name == "Mystery Tote");
  CHECK(tote.color == "Red");
  CHECK(tote.sizes == std::map<std::string, int>{{"OS", 1}});
  REQUIRE(tote.unit_cost);
  CHECK(*tote.unit_cost == 15.5);
  CHECK(tote.images.empty());
  CHECK(tote.currency == "USD"); // the order's: its linesheet items are priced in USD
  CHECK(items[1].on_linesheet);
}

TEST_CASE("build_items derives stable Firestore-safe item ids", "[po]")
{
  const std::vector<model::Item> a = items_of_long_po();
  const std::vector<model::Item> b = items_of_long_po();
  const std::vector<model::Item> other = items_of_long_po("fw26");
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].item_id == b[i].item_id);
    CHECK(a[i].item_id != other[i].item_id);
    CHECK(a[i].item_id.find('/') == std::string::npos);
    CHECK(a[i].item_id.size() == 64);
  }
  CHECK(a[1].item_id != a[2].item_id);
}

TEST_CASE("match_color folds case and spaces and expands unique abbreviations", "[po]")
{
  const std::vector<std::string> colors = {"Black", "Navy Blue", "Blush"};
  CHECK(match_color("BLACK", colors) == "Black");
  CHECK(match_color("navyblue", colors) == "Navy Blue");
  CHECK(match_color("BLK", colors) == "Black");
  CHECK(match_color("Bl", colors) == "Bl"); // Black or Blush: keep the PO's
  CHECK(match_color("Red", colors) == "Red");
}

TEST_CASE("match_color folds the case of accented letters", "[po]")
{
  CHECK(match_color("GRIS CHINÉ", {"Gris chiné", "Écru"}) == "Gris chiné");
  CHECK(match_color("ÉTAIN", {"Étain"}) == "Étain");
  CHECK(fold("GRÖSSE × 2") == "grösse×2"); // the multiplication sign is no letter
}
