// tests/po/pdf_table_test.cpp mirrors core/po/pdf_table.cpp
#include "core/pdf/pdf_document.hpp"
#include "core/po/columns.hpp"
#include "core/po/pdf_table.hpp"
#include "core/po/skus.hpp"
#include "core/util/error.hpp"
#include "tests/po/po_test_support.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::po;

namespace {

// Lays out a line of cells at the given x positions like a PDF table: each
// cell's words 4 pt apart at 10 pt, as Helvetica would set them.
void add_line(model::TextPage& page, double y,
              const std::vector<std::pair<double, std::string>>& cells)
{
  for (const auto& [x, text] : cells) {
    double cursor = x;
    size_t start = 0;
    while (start <= text.size()) {
      size_t space = text.find(' ', start);
      const std::string word =
          text.substr(start, space == std::string::npos ? std::string::npos : space - start);
      const double width = 5.5 * static_cast<double>(word.size());
      model::Word w;
      w.text = word;
      w.bbox = {cursor, y - 8, cursor + width, y + 2};
      w.font_size = 10;
      page.words.push_back(w);
      cursor += width + 2.8;
      if (space == std::string::npos) {
        break;
      }
      start = space + 1;
    }
  }
}

const std::vector<std::pair<double, std::string>> k_header = {
    {40, "Style #"}, {130, "Colour"}, {220, "Size"}, {280, "Qty"}, {330, "Unit Cost"}};

model::TextPage page_with(int number, bool with_preamble)
{
  model::TextPage p;
  p.page = number;
  p.width = 612;
  p.height = 792;
  double y = 60;
  if (with_preamble) {
    add_line(p, y, {{40, "PURCHASE ORDER PO-4411"}});
    y += 14;
    add_line(p, y, {{40, "Ship to: Harbour & Pine"}});
    y += 14;
  } else {
    add_line(p, y, {{40, "PO-4411 continued"}});
    y += 14;
  }
  add_line(p, y, k_header);
  return p;
}

// The pages of a fixture PDF as parse-po reads them.
std::vector<model::TextPage> fixture_pages(const std::string& name)
{
  pdf::Document doc = pdf::Document::open(test::po_fixture(name), name);
  std::vector<model::TextPage> pages;
  for (int page = 1; page <= doc.page_count(); ++page) {
    model::TextPage text = pdf::extract_text(doc, page);
    text.page = page;
    pages.push_back(std::move(text));
  }
  return pages;
}

// The first row whose filled cells, joined, start with the text.
const model::PoRow& row_starting(const model::PoTable& t, const std::string& text)
{
  for (const model::PoRow& row : t.rows) {
    std::string joined;
    for (const std::string& cell : row.cells) {
      joined += cell.empty() ? "" : (joined.empty() ? "" : " ") + cell;
    }
    if (joined.starts_with(text)) {
      return row;
    }
  }
  FAIL("no row starting with " << text);
  throw;
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

TEST_CASE("table_from_pdf_pages rebuilds rows and columns from word positions", "[po]")
{
  model::TextPage p1 = page_with(1, true);
  add_line(p1, 120,
           {{40, "SS26-1042"}, {130, "Navy Blue"}, {220, "M"}, {285, "4"}, {335, "42.00"}});
  add_line(p1, 134,
           {{40, "SS26-1042"}, {130, "Navy Blue"}, {220, "L"}, {285, "2"}, {335, "42.00"}});
  model::TextPage p2 = page_with(2, false);
  add_line(p2, 120, {{40, "SS26-2001"}, {130, "Oat"}, {220, "OS"}, {285, "12"}, {335, "55.00"}});
  add_line(p2, 134, {{40, "Total"}, {285, "18"}});

  const model::PoTable t = table_from_pdf_pages({p1, p2}, "po.pdf");
  CHECK(t.sheet == "page 1-2");
  CHECK(t.header == std::vector<std::string>{"Style #", "Colour", "Size", "Qty", "Unit Cost"});
  CHECK(t.header_row == 3);
  REQUIRE(t.rows.size() == 4); // the repeated header and running head of page 2 dropped
  CHECK(t.rows[0].cells == std::vector<std::string>{"SS26-1042", "Navy Blue", "M", "4", "42.00"});
  CHECK(t.rows[2].cells[0] == "SS26-2001");
  CHECK(t.rows[2].source_row == 8);

  const SkuExtraction x = extract_skus(t, identify_columns(t));
  REQUIRE(x.skus.size() == 3);
  CHECK(x.skus[2].quantity == 12);
}

TEST_CASE("table_from_pdf_pages fails on pages without a header line", "[po]")
{
  model::TextPage p;
  p.page = 1;
  add_line(p, 60, {{40, "Thank you for your order"}});
  CHECK_THROWS_AS(table_from_pdf_pages({p}, "po.pdf"), Error);
  CHECK_THROWS_AS(table_from_pdf_pages({}, "po.pdf"), Error);
}

TEST_CASE("table_from_pdf_pages takes columns from the gaps under centred headers", "[po]")
{
  // Centred headers, right-aligned Qty / Unit Cost / Line Total, long
  // descriptions, the header repeated under a running head on page 2, then
  // Subtotal / Shipping / Tax / Total rows.
  const model::PoTable t = table_from_pdf_pages(fixture_pages("centred.pdf"), "centred.pdf");
  CHECK(t.sheet == "page 1-2");
  CHECK(t.header == std::vector<std::string>{"Style #", "Description", "Colour", "Size", "Qty",
                                             "Unit Cost", "Line Total"});
  CHECK(row_starting(t, "PF26-101").cells ==
        std::vector<std::string>{"PF26-101", "Organic Cotton Relaxed Boyfriend Shirt", "Sky", "S",
                                 "2", "34.00", "68.00"});
  CHECK(row_starting(t, "PF26-310").cells ==
        std::vector<std::string>{"PF26-310", "Tax Free Tote in Recycled Canvas", "Natural", "OS",
                                 "6", "18.50", "111.00"});
  for (const model::PoRow& row : t.rows) {
    CHECK(row.cells[0] != "PO-7781 (continued)"); // page 2's running head is dropped
  }

  const SkuExtraction x = extract_skus(t, identify_columns(t));
  REQUIRE(x.skus.size() == 8);
  int pieces = 0;
  for (const model::Sku& s : x.skus) {
    pieces += s.quantity;
    REQUIRE(s.unit_cost);
  }
  CHECK(pieces == 40);
  CHECK(x.skus[4].style_number == "PF26-205");
  CHECK(x.skus[4].size == "10");
  CHECK(x.skus[4].quantity == 12);
  CHECK(*x.skus[4].unit_cost == 46.0);
  CHECK(x.skus[5].description == "Tax Free Tote in Recycled Canvas");
  for (const char* label : {"Subtotal", "Shipping & handling", "Tax (8%)", "Total"}) {
    INFO(label);
    const model::PoRow& row = row_starting(t, label);
    CHECK(reason_for(x, row.source_row).find("total") != std::string::npos);
  }
}

TEST_CASE("table_from_pdf_pages re-maps the columns under each block's own header", "[po]")
{
  const model::PoTable t = table_from_pdf_pages(fixture_pages("blocks.pdf"), "blocks.pdf");
  CHECK(t.header == std::vector<std::string>{"Style", "Description", "Colour", "XS", "S", "M", "L",
                                             "XL", "36", "38", "40", "42", "OS", "Units", "Cost"});
  CHECK(row_starting(t, "TR-201").cells ==
        std::vector<std::string>{"TR-201", "Wide Leg Trouser", "Black", "", "", "", "", "", "2",
                                 "3", "", "1", "", "6", "44.00"});
  for (const model::PoRow& row : t.rows) {
    CHECK(row.cells[0] != "Style"); // header rows are not data
  }

  const SkuExtraction x = extract_skus(t, identify_columns(t));
  std::vector<std::string> got;
  for (const model::Sku& s : x.skus) {
    got.push_back(s.style_number + " " + s.size + "=" + std::to_string(s.quantity));
  }
  CHECK(got == std::vector<std::string>{"KN-101 S=2", "KN-101 M=4", "KN-101 L=2", "KN-102 XS=1",
                                        "KN-102 M=3", "KN-102 XL=1", "TR-201 36=2", "TR-201 38=3",
                                        "TR-201 42=1", "TR-202 38=1", "TR-202 40=1",
                                        "AC-301 OS=5"});
  int totals = 0;
  for (const SkippedRow& s : x.skipped) {
    totals +=
        s.reason.starts_with("total row ('Subtotal") || s.reason.starts_with("total row ('Grand");
  }
  CHECK(totals == 3);
}

TEST_CASE("table_from_pdf_pages splits columns that no gap runs down between", "[po]")
{
  // Half the descriptions end where the other half's right-aligned
  // quantities begin: no gap runs down between the two columns, so the
  // headers decide, as they do in a left-aligned table.
  model::TextPage p;
  p.page = 1;
  add_line(p, 60, {{40, "Style"}, {100, "Description"}, {180, "Qty"}});
  for (int i = 0; i < 20; ++i) {
    const double y = 74 + 14 * i;
    if (i % 2 == 0) {
      add_line(p, y, {{40, "A-1"}, {100, "Linen trouser"}, {185, "2"}});
    } else {
      add_line(p, y, {{40, "A-2"}, {100, "Tee"}, {168.5, "1200"}});
    }
  }
  const model::PoTable t = table_from_pdf_pages({p}, "po.pdf");
  REQUIRE(t.rows.size() == 20);
  CHECK(t.rows[0].cells == std::vector<std::string>{"A-1", "Linen trouser", "2"});
  CHECK(t.rows[1].cells == std::vector<std::string>{"A-2", "Tee", "1200"});
}

TEST_CASE("table_from_pdf_pages splits line numbers printed a word space before codes", "[po]")
{
  // An order form printed by a spreadsheet: right-aligned line numbers end a
  // word space before the left-aligned SKUs, so each pair reads as one cell,
  // but a gap between words runs down every line, under two headers.
  model::TextPage p;
  p.page = 1;
  add_line(p, 60, {{40, "Item No"}, {100, "SKU"}, {160, "Description"}, {260, "Qty"}});
  const std::vector<std::pair<std::string, std::string>> lines = {
      {"1", "51011"}, {"4", "#51014"}, {"20", "51 022"}, {"", "51099"}};
  double y = 74;
  for (const auto& [number, code] : lines) {
    std::vector<std::pair<double, std::string>> cells;
    if (!number.empty()) {
      cells.emplace_back(78 - 5.5 * static_cast<double>(number.size()), number);
    }
    cells.emplace_back(80.8, code);
    cells.emplace_back(160, "Pocket Tee");
    cells.emplace_back(262, "4");
    add_line(p, y, cells);
    y += 14;
  }
  add_line(p, y + 20, {{20, "Terms: Net 30. Orders ship within 10 days"}});
  const model::PoTable t = table_from_pdf_pages({p}, "po.pdf");
  REQUIRE(t.header.size() == 4);
  REQUIRE(t.rows.size() == 5);
  CHECK(t.rows[0].cells == std::vector<std::string>{"1", "51011", "Pocket Tee", "4"});
  CHECK(t.rows[2].cells == std::vector<std::string>{"20", "51 022", "Pocket Tee", "4"});
  CHECK(t.rows[3].cells == std::vector<std::string>{"", "51099", "Pocket Tee", "4"});
}
