// tests/ai/heuristic_text_test.cpp mirrors core/ai/heuristic_text.cpp
#include "core/ai/heuristic_text.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace collproc::ai::heuristic;

namespace {

struct PriceCase {
  const char* text;
  std::vector<Price> want;
};

std::string describe(const std::vector<Price>& prices)
{
  std::string s;
  for (const Price& p : prices) {
    s += std::to_string(p.amount) + " " + p.currency + " " +
         std::to_string(static_cast<int>(p.role)) + "; ";
  }
  return s;
}

} // namespace

TEST_CASE("parse_amount reads decimal points, decimal commas and thousands", "[ai]")
{
  CHECK(parse_amount("42") == 42.0);
  CHECK(parse_amount("42.00") == 42.0);
  CHECK(parse_amount("38,00") == 38.0);
  CHECK(parse_amount("38,5") == 38.5);
  CHECK(parse_amount("1,234.50") == 1234.5);
  CHECK(parse_amount("1.234,50") == 1234.5);
  CHECK(parse_amount("1,234") == 1234.0);
  CHECK(parse_amount("1.234.567") == 1234567.0);
  CHECK_FALSE(parse_amount("12,34,56").has_value());
  CHECK_FALSE(parse_amount("abc").has_value());
  CHECK_FALSE(parse_amount("").has_value());
  CHECK_FALSE(parse_amount("4.").has_value());
  CHECK_FALSE(parse_amount("1,2345").has_value());
}

TEST_CASE("find_prices reads every price format of real linesheets", "[ai]")
{
  using R = PriceRole;
  const std::vector<PriceCase> cases = {
      {"$42.00", {{42, "USD", R::unknown}}},
      {"WHS $42.00", {{42, "USD", R::wholesale}}},
      {"Wholesale: $42 Retail: $98", {{42, "USD", R::wholesale}, {98, "USD", R::retail}}},
      {"WHS $42 / RRP $98", {{42, "USD", R::wholesale}, {98, "USD", R::retail}}},
      {"W/S $42.50 | MSRP $110.00", {{42.5, "USD", R::wholesale}, {110, "USD", R::retail}}},
      {"Whsl 42.00 SRP 98.00", {{42, "", R::wholesale}, {98, "", R::retail}}},
      {"Cost: \xE2\x82\xAC"
       "38,00  RP: \xE2\x82\xAC"
       "95,00",
       {{38, "EUR", R::wholesale}, {95, "EUR", R::retail}}},
      {"Wholesale EUR 38,00", {{38, "EUR", R::wholesale}}},
      {"RRP 95,00 EUR", {{95, "EUR", R::retail}}},
      {"\xC2\xA3"
       "28 / \xC2\xA3"
       "70",
       {{28, "GBP", R::unknown}, {70, "GBP", R::unknown}}},
      {"GBP 1,250.00", {{1250, "GBP", R::unknown}}},
      {"$42 WHS / $98 RRP", {{42, "USD", R::wholesale}, {98, "USD", R::retail}}},
      {"USD 42 / USD 98", {{42, "USD", R::unknown}, {98, "USD", R::unknown}}},
      {"$42/$98", {{42, "USD", R::unknown}, {98, "USD", R::unknown}}},
      {"Retail price: 98", {{98, "", R::retail}}},
      {"42,00\xE2\x82\xAC", {{42, "EUR", R::unknown}}},
      {"Sizes 36-42", {}},
      {"SS26-1042", {}},
      {"Page 2 of 6", {}},
      {"100% linen", {}},
      {"Tel +1 212 555 0100", {}},
      {"Delivery 15.03.2026", {}},
  };
  for (const PriceCase& c : cases) {
    INFO(c.text);
    const std::vector<Price> got = find_prices(c.text);
    INFO(describe(got));
    REQUIRE(got.size() == c.want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].amount == Approx(c.want[i].amount));
      CHECK(got[i].currency == c.want[i].currency);
      CHECK(got[i].role == c.want[i].role);
    }
  }
}

TEST_CASE("price_role_of and currency_in read column headers", "[ai]")
{
  CHECK(price_role_of("Wholesale (USD)") == PriceRole::wholesale);
  CHECK(price_role_of("WHS") == PriceRole::wholesale);
  CHECK(price_role_of("W/S Price") == PriceRole::wholesale);
  CHECK(price_role_of("Retail") == PriceRole::retail);
  CHECK(price_role_of("RRP \xC2\xA3") == PriceRole::retail);
  CHECK(price_role_of("MSRP") == PriceRole::retail);
  CHECK(price_role_of("Description") == PriceRole::unknown);
  CHECK(currency_in("Wholesale (USD)") == "USD");
  CHECK(currency_in("RRP \xC2\xA3") == "GBP");
  CHECK(currency_in("Prix \xE2\x82\xAC") == "EUR");
  CHECK(currency_in("Description").empty());
}

TEST_CASE("is_style_number tells style numbers from other tokens", "[ai]")
{
  for (const char* yes : {"SS26-1042", "AB1234", "W24.118", "FW24-DR-301", "K2045", "123-ABC",
                          "LS-0042", "SS26-1042,"}) {
    INFO(yes);
    CHECK(is_style_number(yes));
  }
  for (const char* no : {"$42.00", "42.00",           "2026",       "SS26",  "AW2025", "2XL",
                         "XXL",    "15/03/2026",      "2026-03-15", "100cm", "250ml",  "USD42",
                         "42EUR",  "+1-212-555-0100", "Page",       "100%",  "12pcs",  "1st",
                         "Linen",  "A-line",          "V-neck",     "3/4"}) {
    INFO(no);
    CHECK_FALSE(is_style_number(no));
  }
  CHECK(is_style_number("10425", Labelled::yes));
  CHECK(is_style_number("88", Labelled::yes));
  CHECK_FALSE(is_style_number("10425"));
}

TEST_CASE("find_style_number prefers a labelled value and skips non-styles", "[ai]")
{
  CHECK(find_style_number("Style # SS26-1042") == std::string("SS26-1042"));
  CHECK(find_style_number("Style No. 10425") == std::string("10425"));
  CHECK(find_style_number("Style: 10425") == std::string("10425"));
  CHECK(find_style_number("Style#AB1234") == std::string("AB1234"));
  CHECK(find_style_number("Art. 4471") == std::string("4471"));
  CHECK(find_style_number("Art.4471") == std::string("4471"));
  CHECK(find_style_number("SKU: 55-120") == std::string("55-120"));
  CHECK(find_style_number("W24.118 Linen Wrap Dress") == std::string("W24.118"));
  CHECK(find_style_number("Linen Wrap Dress SS26-1042") == std::string("SS26-1042"));
  CHECK_FALSE(find_style_number("Page 2 of 6").has_value());
  CHECK_FALSE(find_style_number("WHS $42.00 RRP $98.00").has_value());
  CHECK_FALSE(find_style_number("Spring Summer 2026").has_value());
  CHECK_FALSE(find_style_number("SS26 Collection").has_value());
  CHECK_FALSE(find_style_number("Tel: +44 20 7946 0958").has_value());
  CHECK_FALSE(find_style_number("Delivery: 15/03/2026").has_value());
  CHECK_FALSE(find_style_number("Sizes: 0-12").has_value());
  CHECK_FALSE(find_style_number("orders@maison.com").has_value());
}

TEST_CASE("parse_sizes expands ranges and reads lists", "[ai]")
{
  using V = std::vector<std::string>;
  CHECK(parse_sizes("XS-XL") == V{"XS", "S", "M", "L", "XL"});
  CHECK(parse_sizes("XS - XL") == V{"XS", "S", "M", "L", "XL"});
  CHECK(parse_sizes("XS \xE2\x80\x93 XL") == V{"XS", "S", "M", "L", "XL"});
  CHECK(parse_sizes("Sizes: XXS-XXXL") == V{"XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL"});
  CHECK(parse_sizes("S to L") == V{"S", "M", "L"});
  CHECK(parse_sizes("0-12") == V{"0", "2", "4", "6", "8", "10", "12"});
  CHECK(parse_sizes("Sizes 36-42") == V{"36", "38", "40", "42"});
  CHECK(parse_sizes("25-29") == V{"25", "26", "27", "28", "29"});
  CHECK(parse_sizes("S, M, L") == V{"S", "M", "L"});
  CHECK(parse_sizes("S M L XL") == V{"S", "M", "L", "XL"});
  CHECK(parse_sizes("S/M, M/L") == V{"S/M", "M/L"});
  CHECK(parse_sizes("S/M/L") == V{"S", "M", "L"});
  CHECK(parse_sizes("Size: S/M") == V{"S/M"});
  CHECK(parse_sizes("One Size") == V{"One Size"});
  CHECK(parse_sizes("ONE SIZE") == V{"One Size"});
  CHECK(parse_sizes("OS") == V{"One Size"});
  CHECK(parse_sizes("O/S") == V{"One Size"});
  CHECK(parse_sizes("Size: O/S") == V{"One Size"});
  CHECK(parse_sizes("6, 8, 10, 12") == V{"6", "8", "10", "12"});
  CHECK(parse_sizes("2XL") == V{});
  CHECK(parse_sizes("Sizes: 2XL") == V{"2XL"});
  CHECK(parse_sizes("Linen Wrap Dress").empty());
  CHECK(parse_sizes("Black / Ivory").empty());
  CHECK(parse_sizes("$42.00").empty());
  CHECK(parse_sizes("42").empty());
  CHECK(parse_sizes("Page 2 of 6").empty());
  CHECK(parse_sizes("SS26-1042").empty());
}

TEST_CASE("parse_sizes reads unlabelled slashed and comma lists in human order", "[ai]")
{
  using V = std::vector<std::string>;
  CHECK(parse_sizes("36 / 37 / 38 / 39") == V{"36", "37", "38", "39"});
  CHECK(parse_sizes("6, 7, 8") == V{"6", "7", "8"});
  CHECK(parse_sizes("Sizes: L, S, XS, M") == V{"XS", "S", "M", "L"});
  CHECK(parse_sizes("Sizes: 10, 2, 8, 4") == V{"2", "4", "8", "10"});
  CHECK(in_human_order({"XL", "M/L", "S/M", "XS"}) == V{"XS", "S/M", "M/L", "XL"});
  CHECK(parse_sizes("36 / 37 / Black").empty());
}

TEST_CASE("parse_colors splits colour lists and refuses other text", "[ai]")
{
  using V = std::vector<std::string>;
  CHECK(parse_colors("Black / Ivory") == V{"Black", "Ivory"});
  CHECK(parse_colors("Colours: Black, Navy, Sage Green") == V{"Black", "Navy", "Sage Green"});
  CHECK(parse_colors("Color: Oat | Charcoal") == V{"Oat", "Charcoal"});
  CHECK(parse_colors("Colourways: Moonlight / Sunrise") == V{"Moonlight", "Sunrise"});
  CHECK(parse_colors("Black") == V{"Black"});
  CHECK(parse_colors("Dusty Rose") == V{"Dusty Rose"});
  CHECK(parse_colors("Bottle Green") == V{"Bottle Green"});
  CHECK(parse_colors("Black Linen Dress").empty());
  CHECK(parse_colors("XS-XL").empty());
  CHECK(parse_colors("$42 / $98").empty());
  CHECK(parse_colors("Relaxed fit, 100% linen").empty());
  CHECK(parse_colors("Linen Wrap Dress").empty());
  CHECK(parse_colors("Rigid organic denim, high rise.").empty());
}

TEST_CASE("parse_colors keeps an unspaced two-tone colourway as one colour", "[ai]")
{
  using V = std::vector<std::string>;
  CHECK(parse_colors("Natural/Black") == V{"Natural/Black"});
  CHECK(parse_colors("Colours: Natural/Black, Navy / White") ==
        V{"Natural/Black", "Navy", "White"});
  CHECK(parse_colors("Colour: Chestnut") == V{"Chestnut"});
}

TEST_CASE("find_prices does not take quantity tiers for prices", "[ai]")
{
  const std::vector<Price> tier = find_prices("Wholesale 10 - 24 pieces \xC2\xA3"
                                              "12.00");
  REQUIRE(tier.size() == 1);
  CHECK(tier[0].amount == 12.0);
  CHECK(tier[0].currency == "GBP");
  CHECK(find_prices("12 pcs").empty());
}

TEST_CASE("starts_with_field_label knows labels and whole words", "[ai]")
{
  CHECK(starts_with_field_label("Colours: Black"));
  CHECK(starts_with_field_label("Fabric: 100% linen"));
  CHECK(starts_with_field_label("Min. order 6"));
  CHECK(starts_with_field_label("WHS $42"));
  CHECK_FALSE(starts_with_field_label("Mini Crossbody Bag"));
  CHECK_FALSE(starts_with_field_label("Newport Blazer"));
  CHECK_FALSE(starts_with_field_label("Linen Wrap Dress"));
}

TEST_CASE("title_case and the taxonomy name categories", "[ai]")
{
  CHECK(title_case("DRESSES") == "Dresses");
  CHECK(title_case("knitwear & jersey") == "Knitwear & Jersey");
  CHECK(title_case("JACKETS AND COATS") == "Jackets and Coats");
  CHECK(title_case("t-shirts") == "T-Shirts");
  CHECK(taxonomy_category("Linen Wrap Dress") == std::string("Dresses"));
  CHECK(taxonomy_category("Sweater Dress") == std::string("Dresses"));
  CHECK(taxonomy_category("Silk Cami") == std::string("Tops"));
  CHECK(taxonomy_category("Boxy T-Shirt") == std::string("Tops"));
  CHECK(taxonomy_category("Wide Leg Trousers") == std::string("Trousers"));
  CHECK(taxonomy_category("Denim Shorts") == std::string("Trousers"));
  CHECK(taxonomy_category("Cropped Denim Jacket") == std::string("Jackets"));
  CHECK(taxonomy_category("Double Face Wool Coat") == std::string("Coats"));
  CHECK(taxonomy_category("Ribbed Roll Neck") == std::string("Knitwear"));
  CHECK(taxonomy_category("Flannel Overshirt") == std::string("Tops"));
  CHECK(taxonomy_category("Wool Blazer") == std::string("Jackets"));
  CHECK(taxonomy_category("Merino Cardigan") == std::string("Knitwear"));
  CHECK(taxonomy_category("KNITWEAR") == std::string("Knitwear"));
  CHECK(taxonomy_category("Raffia Tote") == std::string("Bags"));
  CHECK(taxonomy_category("Leather Belt") == std::string("Accessories"));
  CHECK(taxonomy_category("Silk Scarves") == std::string("Accessories"));
  CHECK(taxonomy_category("Ankle Boots") == std::string("Footwear"));
  CHECK(taxonomy_category("Pleated Midi Skirt") == std::string("Skirts"));
  CHECK_FALSE(taxonomy_category("Spring Summer").has_value());
  const std::vector<std::string> cats = {"Dresses", "Coats & Capes", "Knitwear"};
  CHECK(match_category("Wool Overcoat", cats) == std::string("Coats & Capes"));
  CHECK(match_category("dresses", cats) == std::string("Dresses"));
  CHECK(match_category("Chunky Jumper", cats) == std::string("Knitwear"));
  CHECK_FALSE(match_category("Raffia Tote", cats).has_value());
  CHECK(match_category("Knit Pencil Skirt", {"Dresses", "Trousers & Skirts"}) ==
        std::string("Trousers & Skirts"));
}

TEST_CASE("parse_amount and find_prices refuse numbers past the largest double", "[ai]")
{
  // tests/fuzz/parsers: 309 digits and more read as an infinite price.
  const std::string digits(400, '9');
  CHECK_FALSE(parse_amount(digits));
  CHECK(find_prices("WHS $" + digits + ".00").empty());
  CHECK(parse_amount(std::string(300, '9')));
}
