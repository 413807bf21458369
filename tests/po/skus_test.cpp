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
