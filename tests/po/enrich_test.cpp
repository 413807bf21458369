// tests/po/enrich_test.cpp mirrors core/po/enrich.cpp
#include "core/po/enrich.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::po;

namespace {

model::Product product(const std::string& id, const std::string& style)
{
  model::Product p;
  p.product_id = id;
  p.style_number = style;
  return p;
}

model::Sku sku(const std::string& style)
{
  model::Sku s;
  s.style_number = style;
  s.quantity = 1;
  return s;
}

} // namespace

TEST_CASE("normalise_style folds case, spaces, dashes, dots and a leading #", "[po]")
{
  CHECK(normalise_style("ss26-1042") == "SS261042");
  CHECK(normalise_style("#SS26 1042") == "SS261042");
  CHECK(normalise_style("SS26.1042") == "SS261042");
  CHECK(normalise_style(" SS26_1042 ") == "SS261042");
  CHECK(normalise_style("A/B-12") == "AB12");
}

TEST_CASE("enrich matches exactly, then normalised, then nearest", "[po]")
{
  const std::vector<model::Product> products = {
      product("p1", "SS26-1042"), product("p2", "SS26-2001"), product("p3", "KN-77310")};
  const std::vector<model::EnrichedSku> e =
      enrich({sku("SS26-1042"), sku("ss26 2001"), sku("KN-73710"), sku("SS26-1042-BLK"),
              sku("ZZ-9000"), sku("SS26-1043")},
             products);
  REQUIRE(e.size() == 6);
  CHECK(e[0].match == "exact");
  CHECK(e[0].product_id == "p1");
  CHECK(e[1].match == "normalised");
  CHECK(e[1].product_id == "p2");
  CHECK(e[2].match.starts_with("nearest 0.8")); // a swapped pair of digits
  CHECK(e[2].product_id == "p3");
  CHECK(e[3].match == "nearest 0.90 (prefix)");
  CHECK(e[3].product_id == "p1");
  CHECK(e[4].match == "none");
  CHECK_FALSE(e[4].product_id);
  // One digit off is a neighbouring style of the series, not a typo.
  CHECK(e[5].match == "none");
}

TEST_CASE("style_similarity counts a transposition as one edit", "[po]")
{
  CHECK(style_similarity("AB1234", "AB1234") == 1.0);
  CHECK(style_similarity("AB1234", "AB1243") == Approx(1.0 - 1.0 / 6));
  CHECK(style_similarity("", "AB") == 0.0);
}

TEST_CASE("enrich joins a SKU with a colour code to its product and that colour", "[po]")
{
  model::Product tote = product("p1", "CMT-204");
  tote.colors = {"Black"};
  model::Product bag = product("p2", "LWB-118");
  bag.colors = {"Chestnut", "Black"};
  model::Sku coded = sku("lwb-118-chs");
  model::Sku named = sku("CMT-204-BLK");
  named.color = "black";
  const std::vector<model::EnrichedSku> e = enrich({coded, named}, {tote, bag});
  REQUIRE(e.size() == 2);
  CHECK(e[0].product_id == "p2");
  CHECK(e[0].match == "nearest 0.95 (colour code CHS)");
  CHECK(e[0].sku.color == "Chestnut"); // the PO named it only in the code
  CHECK(e[1].product_id == "p1");
  CHECK(e[1].sku.color == "black"); // the PO's own colour stays
}

TEST_CASE("enrich takes no product another PO style names as a typo's target", "[po]")
{
  const std::vector<model::Product> products = {product("p1", "AN26-105"),
                                                product("p2", "KN-77310")};
  const std::vector<model::EnrichedSku> e =
      enrich({sku("AN26-150"), sku("AN26105"), sku("KN-73710")}, products);
  REQUIRE(e.size() == 3);
  CHECK(e[0].match == "none"); // a style of its own, not AN26-105 with two digits swapped
  CHECK_FALSE(e[0].product_id);
  CHECK(e[1].product_id == "p1");
  CHECK(e[2].product_id == "p2"); // a swapped pair with no other claim is still a typo
}
