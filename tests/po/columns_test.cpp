// tests/po/columns_test.cpp mirrors core/po/columns.cpp and header_detect.cpp
#include "core/po/columns.hpp"
#include "core/po/csv_reader.hpp"
#include "core/po/header_detect.hpp"
#include "core/po/vocabulary.hpp"
#include "core/po/xlsx_reader.hpp"
#include "core/util/error.hpp"
#include "tests/po/po_test_support.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::po;
using collproc::test::po_fixture;

namespace {

const model::ColumnAssignment& column(const model::ColumnMapping& m, const std::string& header)
{
  for (const model::ColumnAssignment& a : m.columns) {
    if (a.header == header) {
      return a;
    }
  }
  FAIL("no column " << header);
  throw;
}

} // namespace

TEST_CASE("find_header_row skips a preamble that mentions fields", "[po]")
{
  Grid grid;
  grid.rows = {{1, {"PO Number", "4411"}},
               {2, {"Style notes", "see linesheet"}},
               {3, {}},
               {4, {"Style", "Colour", "Size", "Qty"}},
               {5, {"A-1", "Red", "M", "2"}}};
  const std::optional<HeaderChoice> h = find_header_row(grid);
  REQUIRE(h);
  CHECK(h->index == 3);
  const model::PoTable t = build_table(grid, *h);
  CHECK(t.header_row == 4);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].source_row == 5);
}

TEST_CASE("identify_columns maps a one-row-per-size PO with evidence", "[po]")
{
  const model::ColumnMapping m = identify_columns(read_xlsx(po_fixture("long.xlsx"), "long.xlsx"));
  CHECK(m.engine == "heuristic");
  CHECK(column(m, "Style #").field == "style_number");
  CHECK(column(m, "Style #").evidence.find("'Style #'") != std::string::npos);
  CHECK(column(m, "Description").field == "description");
  CHECK(column(m, "Colour").field == "color");
  CHECK(column(m, "Size").field == "size");
  CHECK(column(m, "Qty").field == "quantity");
  CHECK(column(m, "Qty").evidence.find("whole numbers") != std::string::npos);
  CHECK(column(m, "Unit Cost").field == "unit_cost");
  CHECK(column(m, "Ext").field == "ignore");
}

TEST_CASE("identify_columns maps a size-run matrix and ignores its total", "[po]")
{
  const model::ColumnMapping m =
      identify_columns(read_xlsx(po_fixture("matrix.xlsx"), "matrix.xlsx"));
  CHECK(column(m, "Style No").field == "style_number");
  CHECK(column(m, "Clr").field == "color");
  for (const char* size : {"XS", "S", "M", "L", "XL"}) {
    CHECK(column(m, size).field == "size_run");
    CHECK(column(m, size).size_label == size);
  }
  CHECK(column(m, "Total Units").field == "ignore");
  CHECK(column(m, "Total Units").evidence.find("size columns") != std::string::npos);
  CHECK(column(m, "WHS").field == "unit_cost");
  CHECK(column(m, "MSRP").field == "retail_price");
}

TEST_CASE("identify_columns reads numeric size runs and European headers", "[po]")
{
  const model::ColumnMapping m = identify_columns(read_csv(po_fixture("matrix.csv"), "matrix.csv"));
  for (const char* size : {"0", "2", "4", "6", "8"}) {
    CHECK(column(m, size).field == "size_run");
  }
  const model::ColumnMapping s =
      identify_columns(read_csv(po_fixture("semicolon.csv"), "semicolon.csv"));
  CHECK(column(s, "Units").field == "quantity");
  CHECK(column(s, "Price").field == "unit_cost");
  CHECK(column(s, "Size").field == "size");
}

TEST_CASE("identify_columns fails on a PO without a quantity column", "[po]")
{
  const model::PoTable t = read_csv(po_fixture("no_quantity.csv"), "po.csv");
  try {
    identify_columns(t);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(std::string(e.what()).find("no quantity column") != std::string::npos);
  }
}

TEST_CASE("build_table puts each block's rows under the union of the blocks' headers", "[po]")
{
  // Three size-run blocks, each under its own header row (rows 4, 8, 12).
  for (const std::string name : {"blocks.csv", "blocks.xlsx"}) {
    INFO(name);
    const model::PoTable t = name.ends_with(".csv") ? read_csv(po_fixture(name), name)
                                                    : read_xlsx(po_fixture(name), name);
    CHECK(t.header_row == 4);
    CHECK(t.header == std::vector<std::string>{"Style", "Description", "Colour", "XS", "S", "M",
                                               "L", "XL", "36", "38", "40", "42", "OS", "Units",
                                               "Cost"});
    std::vector<int> sources;
    for (const model::PoRow& row : t.rows) {
      sources.push_back(row.source_row);
      CHECK(row.cells.size() == t.header.size());
    }
    CHECK(sources == std::vector<int>{5, 6, 7, 9, 10, 11, 13, 14}); // header rows are not data
    REQUIRE(t.rows.size() == 8);
    CHECK(t.rows[3].cells[0] == "TR-201");
    CHECK(t.rows[3].cells[8] == "2");  // under 36, not XL
    CHECK(t.rows[3].cells[11] == "1"); // under 42
    CHECK(t.rows[3].cells[13] == "6"); // Units
    CHECK(t.rows[6].cells[12] == "5"); // OS
    CHECK(t.rows[6].cells[13] == "5");
    CHECK(t.rows[7].cells[13] == "26"); // the grand total under Units
    std::string notes;
    for (const std::string& n : t.notes) {
      notes += n + "\n";
    }
    CHECK(notes.find("row 8 starts a new block") != std::string::npos);
    CHECK(notes.find("row 12 starts a new block") != std::string::npos);

    const model::ColumnMapping m = identify_columns(t);
    for (const std::string size : {"XS", "S", "M", "L", "XL", "36", "38", "40", "42", "OS"}) {
      INFO(size);
      CHECK(column(m, size).field == "size_run");
      CHECK(column(m, size).size_label == size);
    }
    CHECK(column(m, "Style").field == "style_number");
    CHECK(column(m, "Cost").field == "unit_cost");
  }
}

TEST_CASE("build_table does not take a data row for a new header", "[po]")
{
  Grid grid;
  grid.rows = {{1, {"Style", "Colour", "Size", "Qty"}},
               {2, {"A-1", "Red", "M", "2"}},
               {3, {"Style: A-2", "Colour: Blue", "", ""}},
               {4, {"A-2", "Blue", "M", "1"}}};
  const model::PoTable t = build_table(grid, *find_header_row(grid));
  CHECK(t.header == std::vector<std::string>{"Style", "Colour", "Size", "Qty"});
  CHECK(t.rows.size() == 3);
}

TEST_CASE("identify_columns reads a Shopify orders export by its Lineitem columns", "[po]")
{
  const model::ColumnMapping m = identify_columns(read_csv(po_fixture("shopify.csv"), "po.csv"));
  CHECK(column(m, "Lineitem sku").field == "style_number");
  CHECK(column(m, "Lineitem quantity").field == "quantity");
  CHECK(column(m, "Lineitem price").field == "unit_cost");
  CHECK(column(m, "Lineitem compare at price").field == "retail_price");
  // The order's own "Name" (its number) and "Billing Name" are no line's name.
  CHECK(column(m, "Lineitem name").field == "description");
  CHECK(column(m, "Name").field == "ignore");
  CHECK(column(m, "Billing Name").field == "ignore");
}

TEST_CASE("identify_columns reads German headers with decimal commas", "[po]")
{
  const model::PoTable t = read_csv(po_fixture("german.csv"), "po.csv");
  CHECK(t.header_row == 1);
  const model::ColumnMapping m = identify_columns(t);
  CHECK(column(m, "Artikelnr.").field == "style_number");
  CHECK(column(m, "Bezeichnung").field == "description");
  CHECK(column(m, "Farbe").field == "color");
  CHECK(column(m, "Größe").field == "size");
  CHECK(column(m, "Menge").field == "quantity");
  CHECK(column(m, "EK-Preis").field == "unit_cost");
  CHECK(column(m, "Gesamt").field == "ignore");
  CHECK(field_for_header("Réf.")->field == "style_number");
  CHECK(field_for_header("Couleur")->field == "color");
  CHECK(field_for_header("GRÖSSE")->field == "size");
  CHECK(field_for_header("Quantité")->field == "quantity");
  CHECK(field_for_header("UVP")->field == "retail_price");
  CHECK(is_total_label("Summe"));
}

TEST_CASE("identify_columns takes a jewellery PO's Metal column as the colour", "[po]")
{
  model::PoTable t;
  t.header = {"Item #", "Description", "Metal", "Size", "Qty", "Unit Cost"};
  t.rows = {{12, {"lvr-101", "Celeste Ring", "sterling silver", "6", "4", "48"}},
            {13, {"LVR101", "Celeste Ring", "14K GOLD VERMEIL", "7", "6", "48"}}};
  CHECK(column(identify_columns(t), "Metal").field == "color");
}

TEST_CASE("identify_columns takes the column of codes, not names or line numbers, as the style",
          "[po]")
{
  SECTION("a WooCommerce order: SKU beside the product names under Item")
  {
    model::PoTable t;
    t.header = {"SKU", "Item", "Colour", "Size", "Quantity", "Item Cost"};
    t.rows = {{9, {"FH-2201", "Brushed Wool Overcoat", "Camel", "S", "4", "96"}},
              {10, {"fh2202", "Breton Stripe Top", "Navy", "XS", "8", "20.9"}}};
    const model::ColumnMapping m = identify_columns(t);
    CHECK(column(m, "SKU").field == "style_number");
    CHECK(column(m, "Item").field == "ignore");
  }
  SECTION("an order form: line numbers under Item No beside the SKU")
  {
    model::PoTable t;
    t.header = {"Item No", "SKU", "Description", "Qty"};
    t.rows = {{12, {"1", "51011", "Pocket Tee", "20"}},
              {13, {"20", "#51014", "Camp Blouse", "10"}},
              {14, {"", "51099", "Liner Vest", "8"}}};
    const model::ColumnMapping m = identify_columns(t);
    CHECK(column(m, "SKU").field == "style_number");
    CHECK(column(m, "Item No").field == "ignore");
  }
  SECTION("codes of an unusual shape are the style when nothing else is")
  {
    model::PoTable t;
    t.header = {"Style", "Qty"};
    t.rows = {{2, {"ABC", "1"}}, {3, {"XYZ", "2"}}};
    CHECK(column(identify_columns(t), "Style").field == "style_number");
  }
}

TEST_CASE("identify_columns keeps a size column with a page footer below it in the run", "[po]")
{
  model::PoTable t;
  t.header = {"SKU", "Colour", "S", "M", "OS", "Qty"};
  t.rows = {{2, {"51011", "Navy", "2", "3", "", "5"}},
            {3, {"51061", "Cognac", "", "", "6", "6"}},
            {4, {"51064", "Tan", "", "", "5", "5"}},
            {5, {"", "", "", "", "Page 1 of 2", ""}},
            {6, {"", "", "", "", "Terms: Net 30, email the form", ""}}};
  CHECK(column(identify_columns(t), "OS").field == "size_run");
}
