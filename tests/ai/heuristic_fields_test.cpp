// tests/ai/heuristic_fields_test.cpp mirrors core/ai/heuristic_fields.cpp
#include "core/ai/heuristic_fields.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace collproc;
using namespace collproc::ai::heuristic;

TEST_CASE("read_fields takes bare numbers as styles only when the document does", "[ai]")
{
  const std::vector<TextUnit> card = {
      {"#4471", 7}, {"OVERSIZED CASHMERE CREW", 9}, {"RRP $120", 7}, {"$48", 8}};
  const model::Product off = read_fields(card, DocumentFacts{"USD", false});
  CHECK(off.style_number.empty());
  const model::Product on = read_fields(card, DocumentFacts{"USD", true});
  CHECK(on.style_number == "4471");
  CHECK(std::find(on.evidence.begin(), on.evidence.end(),
                  "style_number: the bare number in \"#4471\" (each record of the document has "
                  "one of its own)") != on.evidence.end());
  CHECK(on.name == "OVERSIZED CASHMERE CREW");
  CHECK(on.wholesale_price == 48.0);
  CHECK(on.retail_price == 120.0);
}

TEST_CASE("numeric_codes skips prices, quantities and short numbers", "[ai]")
{
  CHECK(numeric_codes("#4471 Ring") == std::vector<std::string>{"4471"});
  CHECK(numeric_codes("Retail 120 4471") == std::vector<std::string>{"4471"});
  CHECK(numeric_codes("100 pieces, 36 38").empty());
  CHECK(numeric_codes("$120.00 1.234,56").empty());
}

TEST_CASE("read_fields reads a row's labels, tiers and a colour suffix", "[ai]")
{
  const model::Product p = read_fields({{"Name: Canvas Market Tote \xE2\x80\x93 Black", 9},
                                        {"SKU: CMT-204-BLK", 8},
                                        {"Sizes: One Size", 8},
                                        {"Retail Price \xC2\xA3"
                                         "30.00",
                                         8},
                                        {"Wholesale Price: 10 - 24 pieces", 8},
                                        {"\xC2\xA3"
                                         "12.00",
                                         8},
                                        {"25 - 49 pieces", 8},
                                        {"\xC2\xA3"
                                         "11.00",
                                         8}},
                                       DocumentFacts{"GBP", false});
  CHECK(p.name == "Canvas Market Tote");
  CHECK(p.colors == std::vector<std::string>{"Black"});
  CHECK(p.style_number == "CMT-204"); // the colour code BLK is the colour's
  CHECK(p.sizes == std::vector<std::string>{"One Size"});
  CHECK(p.retail_price == 30.0);
  CHECK(p.wholesale_price == 12.0); // the first, smallest-quantity tier
  CHECK(p.currency == "GBP");
}

TEST_CASE("read_fields keeps a style whose suffix is no colour code", "[ai]")
{
  const model::Product p =
      read_fields({{"SKU: CMT-204-BLK", 8}, {"Linen Tote", 9}, {"Colour: Ivory", 8}}, "USD");
  CHECK(p.style_number == "CMT-204-BLK");
  CHECK(p.colors == std::vector<std::string>{"Ivory"});
}
