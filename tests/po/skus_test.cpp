// tests/po/skus_test.cpp mirrors core/po/skus.cpp
#include "core/po/columns.hpp"
#include "core/po/csv_reader.hpp"
#include "core/po/skus.hpp"
#include "core/po/xlsx_reader.hpp"
#include "tests/po/po_test_support.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::po;
using collproc::test::po_fixture;

namespace {

SkuExtraction extract(const model::PoTable& t)
{
  return extract_skus(t, identify_columns(t));
}

std::string reason_for(const SkuExtraction& x, int row)
{
  for (const SkippedRow& s : x.skipped) {
    if (s.source_row == row) {
      return s.reason;
    }
  }
  return "";
}

} // namespace

TEST_CASE("extract_skus reads one row per size and skips totals and blanks", "[po]")
{
  const SkuExtraction x = extract(read_xlsx(po_fixture("long.xlsx"), "long.xlsx"));
  REQUIRE(x.skus.size() == 5);
  CHECK(x.skus[0].style_number == "ss26-1042");
  CHECK(x.skus[0].color == "black");
  CHECK(x.skus[0].size == "S");
  CHECK(x.skus[0].quantity == 2);
  REQUIRE(x.skus[0].unit_cost);
  CHECK(*x.skus[0].unit_cost == 42.0);
  CHECK(x.skus[2].color == "Ivory");
  CHECK(x.skus[2].rows == std::vector<int>{9});
  CHECK(x.skus[3].style_number == "SS26 2001");
  CHECK_FALSE(x.skus[3].unit_cost);
  CHECK(x.skus[4].style_number == "#ZZ-9000");
  CHECK(reason_for(x, 10).find("total") != std::string::npos);
  CHECK(reason_for(x, 14).find("total") != std::string::npos);
}

TEST_CASE("extract_skus reads a size-run matrix and carries a blank style down", "[po]")
{
  const SkuExtraction x = extract(read_csv(po_fixture("matrix.csv"), "matrix.csv"));
  REQUIRE(x.skus.size() == 5);
  CHECK(x.skus[0].size == "2");
  CHECK(x.skus[0].quantity == 1);
  CHECK(x.skus[3].style_number == "SS26-1042");
  CHECK(x.skus[3].color == "Ivory");
  CHECK(x.skus[3].size == "0");
  CHECK(x.skus[4].size == "8");
  CHECK(reason_for(x, 4).find("total") != std::string::npos);

  const SkuExtraction m = extract(read_xlsx(po_fixture("matrix.xlsx"), "matrix.xlsx"));
  int total = 0;
  for (const model::Sku& s : m.skus) {
    total += s.quantity;
    CHECK(s.style_number != "SS26-3300"); // on a hidden row
  }
  CHECK(total == 16);
  REQUIRE(m.skus[0].retail_price);
  CHECK(*m.skus[0].retail_price == 98.0);
}

TEST_CASE("extract_skus sums repeated SKUs and reads grouped and decimal-comma numbers", "[po]")
{
  const SkuExtraction q = extract(read_csv(po_fixture("quoted.csv"), "quoted.csv"));
  REQUIRE(q.skus.size() == 4);
  CHECK(q.skus[1].quantity == 1200);
  const SkuExtraction s = extract(read_csv(po_fixture("semicolon.csv"), "semicolon.csv"));
  REQUIRE(s.skus.size() == 2);
  REQUIRE(s.skus[0].unit_cost);
  CHECK(*s.skus[0].unit_cost == Approx(42.5));

  model::PoTable t;
  t.header = {"Style", "Color", "Size", "Qty"};
  t.rows = {{2, {"A-1", "Red", "M", "2"}},   {3, {"a 1", "red", "m", "3"}},
            {4, {"A-1", "Red", "L", "two"}}, {5, {"", "", "", ""}},
            {6, {"A-2", "Blue", "S", "1"}},  {7, {"A-2", "Blue", "M", "1"}}};
  const SkuExtraction d = extract(t);
  REQUIRE(d.skus.size() == 3);
  CHECK(d.skus[0].quantity == 5);
  CHECK(d.skus[0].rows == std::vector<int>{2, 3});
  CHECK(reason_for(d, 4).find("not a whole number") != std::string::npos);
  CHECK(reason_for(d, 5) == "blank row");
}

TEST_CASE("extract_skus keeps the order's total quantity within int", "[po]")
{
  // tests/fuzz/csv: 220 rows of 10,000,000 pieces of one SKU overflowed its
  // int sum (UBSan: signed integer overflow).
  model::PoTable t;
  t.header = {"Style", "Color", "Size", "Qty"};
  for (int row = 2; row < 222; ++row) {
    t.rows.push_back({row, {"AB1234", "Red", "M", "10000000"}});
  }
  const SkuExtraction x = extract(t);
  REQUIRE(x.skus.size() == 1);
  CHECK(x.skus[0].quantity == 2'140'000'000);
  CHECK(x.skus[0].rows.size() == 214);
  CHECK(reason_for(x, 216) == "quantity '10000000' takes the order past 2147483647 pieces");
  CHECK(x.skipped.size() == 6);
}

TEST_CASE("extract_skus counts each block's sizes under its own labels", "[po]")
{
  for (const std::string name : {"blocks.csv", "blocks.xlsx"}) {
    INFO(name);
    const SkuExtraction x = extract(name.ends_with(".csv") ? read_csv(po_fixture(name), name)
                                                           : read_xlsx(po_fixture(name), name));
    std::vector<std::string> got;
    for (const model::Sku& s : x.skus) {
      got.push_back(s.style_number + " " + s.size + "=" + std::to_string(s.quantity));
    }
    CHECK(got == std::vector<std::string>{"KN-101 S=2", "KN-101 M=4", "KN-101 L=2", "KN-102 XS=1",
                                          "KN-102 M=3", "KN-102 XL=1", "TR-201 36=2", "TR-201 38=3",
                                          "TR-201 42=1", "TR-202 38=1", "TR-202 40=1",
                                          "AC-301 OS=5"});
    CHECK(reason_for(x, 7) == "total row ('Subtotal Tops \u00b7 Knitwear')");
    CHECK(reason_for(x, 11) == "total row ('Subtotal Bottoms')");
    CHECK(reason_for(x, 14) == "total row ('Grand Total')");
  }
}

TEST_CASE("extract_skus skips total and charge rows but not products named like them", "[po]")
{
  model::PoTable t;
  t.header = {"Style", "Description", "Colour", "Size", "Qty", "Cost"};
  const std::vector<std::string> labels = {"Sub-total (page 1)",
                                           "Subtotal Tops \u00b7 Knitwear",
                                           "Shipping & handling",
                                           "Freight",
                                           "Delivery charge",
                                           "Tax",
                                           "VAT 20%",
                                           "Sales tax (8.875%)",
                                           "Discount -10%",
                                           "Deposit paid",
                                           "Balance due on delivery of the order",
                                           "GRAND TOTAL:"};
  int row = 2;
  t.rows.push_back({row++, {"A-1", "Tax Free Tote", "Tan", "OS", "2", "18"}});
  for (const std::string& label : labels) {
    t.rows.push_back({row++, {label, "", "", "", "1", "12.50"}});
  }
  // The label in the description column, under a blank style.
  t.rows.push_back({row++, {"", "Shipping", "", "", "1", "25"}});
  const SkuExtraction x = extract(t);
  REQUIRE(x.skus.size() == 1);
  CHECK(x.skus[0].description == "Tax Free Tote");
  for (int r = 3; r < row; ++r) {
    INFO(r);
    CHECK(reason_for(x, r).starts_with("total row ('"));
  }

  // A product whose name opens like a total, before its style number.
  model::PoTable d;
  d.header = {"Description", "Style", "Size", "Qty"};
  d.rows = {{2, {"Total Comfort Bra", "SS26-77", "M", "3"}},
            {3, {"Tax Free Tote", "SS26-78", "OS", "1"}},
            {4, {"Total", "", "", "4"}}};
  const SkuExtraction y = extract(d);
  REQUIRE(y.skus.size() == 2);
  CHECK(y.skus[0].style_number == "SS26-77");
  CHECK(y.skus[1].style_number == "SS26-78");
  CHECK(reason_for(y, 4) == "total row ('Total')");
}

TEST_CASE("extract_skus takes colour and size from a shop's variant title", "[po]")
{
  const SkuExtraction x = extract(read_csv(po_fixture("shopify.csv"), "po.csv"));
  REQUIRE(x.skus.size() == 3);
  CHECK(x.skus[0].style_number == "CMT-204-BLK");
  CHECK(x.skus[0].color == "Black");
  CHECK(x.skus[0].size == "");
  CHECK(x.skus[0].quantity == 12);
  CHECK(x.skus[0].unit_cost == 34.0);
  CHECK(x.skus[0].retail_price == 68.0);
  CHECK(x.skus[0].description == "Canvas Market Tote");
  CHECK(x.skus[1].color == "Tobacco");
  CHECK(x.skus[1].size == "S");
  CHECK(x.skus[2].style_number == "cco 510 tob");
  CHECK(x.skus[2].size == "M");
}

TEST_CASE("extract_skus skips a total row labelled in a later column", "[po]")
{
  const SkuExtraction x = extract(read_csv(po_fixture("german.csv"), "po.csv"));
  REQUIRE(x.skus.size() == 3);
  CHECK(x.skus[1].unit_cost == Approx(1234.56));
  CHECK(x.skus[2].color == "ÉCRU");
  CHECK(x.skus[2].size == "OS");
  CHECK(reason_for(x, 5).starts_with("total row"));
}
