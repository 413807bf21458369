#include "core/po/pdf_table.hpp"

#include "core/po/header_detect.hpp"
#include "core/po/text.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cmath>

namespace collproc::po {

namespace {

struct PdfLine {
  int page = 0;
  int number = 0;                        // through all pages, from 1
  std::vector<const model::Word*> words; // left to right
};

struct PdfCell {
  std::string text;
  double x0 = 0, x1 = 0;
};

// Words grouped by baseline: a word joins the line whose centre is within
// half the word's height of its own.
std::vector<PdfLine> lines_of(const model::TextPage& page, int& number)
{
  std::vector<const model::Word*> words;
  for (const model::Word& w : page.words) {
    if (!trim(w.text).empty()) {
      words.push_back(&w);
    }
  }
  std::sort(words.begin(), words.end(), [](const model::Word* a, const model::Word* b) {
    return a->bbox.cy() < b->bbox.cy() || (a->bbox.cy() == b->bbox.cy() && a->bbox.x0 < b->bbox.x0);
  });
  std::vector<PdfLine> lines;
  double line_cy = 0;
  for (const model::Word* w : words) {
    const double tolerance = std::max(1.0, w->bbox.height() * 0.5);
    if (lines.empty() || std::fabs(w->bbox.cy() - line_cy) > tolerance) {
      lines.push_back(PdfLine{page.page, 0, {}});
      line_cy = w->bbox.cy();
    }
    lines.back().words.push_back(w);
  }
  for (PdfLine& line : lines) {
    std::sort(line.words.begin(), line.words.end(),
              [](const model::Word* a, const model::Word* b) { return a->bbox.x0 < b->bbox.x0; });
    line.number = ++number;
  }
  return lines;
}

// Words joined into cells where the gap between them is wider than a
// word space (most of the font's height).
std::vector<PdfCell> gap_cells(const PdfLine& line)
{
  std::vector<PdfCell> cells;
  const model::Word* previous = nullptr;
  for (const model::Word* w : line.words) {
    const double size = w->font_size > 0 ? w->font_size : std::max(1.0, w->bbox.height());
    if (previous == nullptr || w->bbox.x0 - previous->bbox.x1 > size * 0.8) {
      cells.push_back(PdfCell{w->text, w->bbox.x0, w->bbox.x1});
    } else {
      cells.back().text += " " + w->text;
      cells.back().x1 = w->bbox.x1;
    }
    previous = w;
  }
  return cells;
}

// A line split at the column boundaries (midpoints between header cells).
std::vector<std::string> split(const PdfLine& line, const std::vector<double>& boundaries)
{
  std::vector<std::string> cells(boundaries.size() + 1);
  for (const model::Word* w : line.words) {
    const double cx = w->bbox.cx();
    const size_t column = static_cast<size_t>(
        std::upper_bound(boundaries.begin(), boundaries.end(), cx) - boundaries.begin());
    cells[column] += (cells[column].empty() ? "" : " ") + w->text;
  }
  return cells;
}

std::vector<double> boundaries_of(const std::vector<PdfCell>& header)
{
  std::vector<double> b;
  for (size_t i = 0; i + 1 < header.size(); ++i) {
    b.push_back((header[i].x1 + header[i + 1].x0) / 2);
  }
  return b;
}

std::string folded_texts(const std::vector<PdfCell>& cells)
{
  std::string out;
  for (const PdfCell& c : cells) {
    out += fold(c.text) + "|";
  }
  return out;
}

} // namespace

model::PoTable table_from_pdf_pages(const std::vector<model::TextPage>& pages,
                                    const std::string& display_name)
{
  std::vector<PdfLine> lines;
  int number = 0;
  for (const model::TextPage& page : pages) {
    std::vector<PdfLine> page_lines = lines_of(page, number);
    lines.insert(lines.end(), page_lines.begin(), page_lines.end());
  }
  Grid grid;
  for (const PdfLine& line : lines) {
    GridRow row;
    row.source_row = line.number;
    for (const PdfCell& c : gap_cells(line)) {
      row.cells.push_back(c.text);
    }
    grid.rows.push_back(std::move(row));
  }
  const std::optional<HeaderChoice> header = find_header_row(grid);
  if (!header) {
    throw Error(
        ExitCode::bad_input,
        display_name +
            ": no header row found: expected a line naming a style and a quantity column",
        "check that the PDF has selectable text with a header such as 'Style #  Color  Size  Qty'");
  }
  const std::vector<PdfCell> header_cells = gap_cells(lines[header->index]);
  const std::string header_key = folded_texts(header_cells);
  std::vector<double> boundaries = boundaries_of(header_cells);

  model::PoTable table;
  table.header_row = lines[header->index].number;
  for (const PdfCell& c : header_cells) {
    table.header.push_back(trim(c.text));
  }
  const int first_page = lines[header->index].page;
  const int last_page = lines.back().page;
  table.sheet = first_page == last_page
                    ? "page " + std::to_string(first_page)
                    : "page " + std::to_string(first_page) + "-" + std::to_string(last_page);
  table.notes.push_back("header at " + header->reason + " (page " + std::to_string(first_page) +
                        ")");

  std::vector<int> repeated_on;
  size_t i = header->index + 1;
  while (i < lines.size()) {
    // On each later page, a line repeating the header ends the page's
    // running head: drop it and everything above it on that page.
    const int page = lines[i].page;
    if (page != lines[i - 1].page) {
      size_t end = i;
      while (end < lines.size() && lines[end].page == page) {
        ++end;
      }
      for (size_t k = i; k < end; ++k) {
        const std::vector<PdfCell> cells = gap_cells(lines[k]);
        if (folded_texts(cells) == header_key) {
          boundaries = boundaries_of(cells);
          repeated_on.push_back(page);
          i = k + 1;
          break;
        }
      }
    }
    if (i >= lines.size()) {
      break;
    }
    model::PoRow row;
    row.source_row = lines[i].number;
    row.cells = split(lines[i], boundaries);
    for (std::string& c : row.cells) {
      c = trim(c);
    }
    table.rows.push_back(std::move(row));
    ++i;
  }
  if (!repeated_on.empty()) {
    std::string note = "repeated header dropped on page(s)";
    for (size_t k = 0; k < repeated_on.size(); ++k) {
      note += (k == 0 ? " " : ", ") + std::to_string(repeated_on[k]);
    }
    table.notes.push_back(note);
  }
  return table;
}

} // namespace collproc::po
