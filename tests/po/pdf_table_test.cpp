// tests/po/pdf_table_test.cpp mirrors core/po/pdf_table.cpp
#include "core/po/columns.hpp"
#include "core/po/pdf_table.hpp"
#include "core/po/skus.hpp"
#include "core/util/error.hpp"

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
