#include "core/po/pdf_table.hpp"

#include "core/po/header_detect.hpp"
#include "core/po/text.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <map>

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
  std::vector<const model::Word*> words;
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
      cells.push_back(PdfCell{w->text, w->bbox.x0, w->bbox.x1, {w}});
    } else {
      cells.back().text += " " + w->text;
      cells.back().x1 = w->bbox.x1;
      cells.back().words.push_back(w);
    }
    previous = w;
  }
  return cells;
}

// A column's extent on the page.
struct Span {
  double x0 = 0, x1 = 0;
};

// How far two extents overlap; negative: how far apart they are.
double overlap(const Span& a, double x0, double x1)
{
  return std::min(a.x1, x1) - std::max(a.x0, x0);
}

// The span an extent overlaps most or, overlapping none, the nearest one.
size_t best_span(const std::vector<Span>& spans, double x0, double x1)
{
  size_t best = 0;
  for (size_t i = 1; i < spans.size(); ++i) {
    if (overlap(spans[i], x0, x1) > overlap(spans[best], x0, x1)) {
      best = i;
    }
  }
  return best;
}

// How many cells cover each stretch between consecutive cell edges:
// counts[i] covers edges[i]..edges[i + 1].
struct Coverage {
  std::vector<double> edges;
  std::vector<int> counts;

  size_t index_of(double x) const
  {
    return static_cast<size_t>(std::lower_bound(edges.begin(), edges.end(), x) - edges.begin());
  }
};

Coverage coverage_of(const std::vector<std::vector<PdfCell>>& rows)
{
  Coverage c;
  for (const std::vector<PdfCell>& cells : rows) {
    for (const PdfCell& cell : cells) {
      c.edges.push_back(cell.x0);
      c.edges.push_back(cell.x1);
    }
  }
  std::sort(c.edges.begin(), c.edges.end());
  c.edges.erase(std::unique(c.edges.begin(), c.edges.end()), c.edges.end());
  std::vector<int> delta(c.edges.size() + 1, 0);
  for (const std::vector<PdfCell>& cells : rows) {
    for (const PdfCell& cell : cells) {
      ++delta[c.index_of(cell.x0)];
      --delta[c.index_of(cell.x1)];
    }
  }
  int covering = 0;
  for (size_t i = 0; i + 1 < c.edges.size(); ++i) {
    covering += delta[i];
    c.counts.push_back(covering);
  }
  return c;
}

// Whether a cell runs from a well-covered stretch across a thinly covered
// one into another: text printed across columns (a note, a long total
// label), not a cell of one column.
bool bridges_columns(const PdfCell& cell, const Coverage& c, int thin)
{
  bool covered = false;
  bool gap = false;
  for (size_t i = c.index_of(cell.x0); i < c.index_of(cell.x1); ++i) {
    if (c.counts[i] > thin) {
      if (gap) {
        return true;
      }
      covered = true;
    } else if (covered) {
      gap = true;
    }
  }
  return false;
}

// The data columns under a header: the x-intervals between the gaps that run
// down its lines. Headers are no guide (a centred header spans its column's
// middle, a right-aligned number ends at its right edge). Lines of one cell
// (notes, page numbers) say nothing about columns, and lines printed across
// the gaps of most others are left out; a column used by a single line is a
// column all the same.
std::vector<Span> data_columns(const std::vector<const PdfLine*>& lines)
{
  std::vector<std::vector<PdfCell>> rows;
  for (const PdfLine* line : lines) {
    std::vector<PdfCell> cells = gap_cells(*line);
    std::erase_if(cells, [](const PdfCell& c) {
      return !std::isfinite(c.x0) || !std::isfinite(c.x1) || c.x1 < c.x0;
    });
    if (cells.size() >= 2) {
      rows.push_back(std::move(cells));
    }
  }
  const Coverage all = coverage_of(rows);
  const int thin = std::max(1, static_cast<int>(rows.size() / 10));
  std::vector<std::vector<PdfCell>> kept;
  for (const std::vector<PdfCell>& cells : rows) {
    if (std::none_of(cells.begin(), cells.end(),
                     [&](const PdfCell& cell) { return bridges_columns(cell, all, thin); })) {
      kept.push_back(cells);
    }
  }
  const Coverage c = kept.empty() ? all : coverage_of(kept);
  std::vector<Span> columns;
  for (size_t i = 0; i < c.counts.size(); ++i) {
    if (c.counts[i] == 0) {
      continue;
    }
    if (!columns.empty() && columns.back().x1 >= c.edges[i]) {
      columns.back().x1 = c.edges[i + 1];
    } else {
      columns.push_back(Span{c.edges[i], c.edges[i + 1]});
    }
  }
  return columns;
}

// Where the words of a block's lines go: data columns, and for each the
// header cell it overlaps most (else the nearest).
struct ColumnPlan {
  std::vector<Span> columns;
  std::vector<size_t> header_of;
  // Columns split at a gap between words (split_at_word_gaps) share a group:
  // a cell across them is split word by word. k_no_group otherwise.
  std::vector<size_t> group;
};

constexpr size_t k_no_group = static_cast<size_t>(-1);

// A column split where a gap between words runs down (nearly) all its lines
// and the parts sit under different headers: right-aligned line numbers
// printed a word space before left-aligned codes ("20 51051" under "Item No"
// and "SKU") read as one cell, but are two columns.
std::vector<Span> split_at_word_gaps(const Span& column, const std::vector<Span>& heads,
                                     const std::vector<const PdfLine*>& lines)
{
  std::vector<std::pair<double, double>> words;
  for (const PdfLine* line : lines) {
    for (const PdfCell& cell : gap_cells(*line)) {
      // Cells reaching past the column (a note printed across the table)
      // are no evidence for its gaps.
      if (cell.x0 < column.x0 - 0.5 || cell.x1 > column.x1 + 0.5) {
        continue;
      }
      for (const model::Word* w : cell.words) {
        words.emplace_back(w->bbox.x0, w->bbox.x1);
      }
    }
  }
  // Coverage of the words along x, as in coverage_of.
  std::vector<double> edges;
  for (const auto& [x0, x1] : words) {
    edges.push_back(x0);
    edges.push_back(x1);
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  std::vector<Span> parts;
  for (size_t i = 0; i + 1 < edges.size(); ++i) {
    int covering = 0;
    for (const auto& [x0, x1] : words) {
      covering += x0 <= edges[i] && x1 >= edges[i + 1] ? 1 : 0;
    }
    if (covering == 0) {
      continue;
    }
    if (!parts.empty() && parts.back().x1 >= edges[i]) {
      parts.back().x1 = edges[i + 1];
    } else {
      parts.push_back(Span{edges[i], edges[i + 1]});
    }
  }
  if (parts.size() < 2) {
    return {column};
  }
  // Keep a gap only between parts under different headers.
  std::vector<Span> out{parts[0]};
  for (size_t k = 1; k < parts.size(); ++k) {
    if (best_span(heads, out.back().x0, out.back().x1) ==
        best_span(heads, parts[k].x0, parts[k].x1)) {
      out.back().x1 = parts[k].x1;
    } else {
      out.push_back(parts[k]);
    }
  }
  out.front().x0 = std::min(out.front().x0, column.x0);
  out.back().x1 = std::max(out.back().x1, column.x1);
  return out;
}

ColumnPlan plan_columns(const std::vector<PdfCell>& header,
                        const std::vector<const PdfLine*>& lines)
{
  std::vector<Span> heads;
  for (const PdfCell& h : header) {
    heads.push_back(Span{h.x0, h.x1});
  }
  ColumnPlan plan;
  for (const Span& column : data_columns(lines)) {
    // Columns with no gap down between them (long text running up to the
    // next column's numbers on other lines) hold the middles of several
    // headers: split them halfway between those, as the headers alone would.
    std::vector<size_t> inside;
    for (size_t h = 0; h < heads.size(); ++h) {
      const double cx = (heads[h].x0 + heads[h].x1) / 2;
      if (cx >= column.x0 && cx <= column.x1) {
        inside.push_back(h);
      }
    }
    if (inside.size() < 2) {
      const std::vector<Span> parts =
          heads.empty() ? std::vector<Span>{column} : split_at_word_gaps(column, heads, lines);
      const size_t group = parts.size() > 1 ? plan.columns.size() : k_no_group;
      for (const Span& part : parts) {
        plan.columns.push_back(part);
        plan.header_of.push_back(best_span(heads, part.x0, part.x1));
        plan.group.push_back(group);
      }
      continue;
    }
    double x0 = column.x0;
    for (size_t k = 0; k < inside.size(); ++k) {
      const double x1 =
          k + 1 < inside.size() ? (heads[inside[k]].x1 + heads[inside[k + 1]].x0) / 2 : column.x1;
      plan.columns.push_back(Span{x0, x1});
      plan.header_of.push_back(inside[k]);
      plan.group.push_back(k_no_group);
      x0 = x1;
    }
  }
  if (plan.columns.empty()) {
    plan.columns = heads; // no data lines: words go to the nearest header
    for (size_t h = 0; h < heads.size(); ++h) {
      plan.header_of.push_back(h);
      plan.group.push_back(k_no_group);
    }
  }
  return plan;
}

// Whether a cell covers most of two columns: a label printed across them.
bool across_columns(const PdfCell& cell, const std::vector<Span>& columns)
{
  int covered = 0;
  for (const Span& c : columns) {
    covered += overlap(c, cell.x0, cell.x1) > (c.x1 - c.x0) / 2 ? 1 : 0;
  }
  return covered >= 2;
}

// Whether a cell's words fall in different columns of one word-gap group.
bool across_group(const PdfCell& cell, const ColumnPlan& plan)
{
  size_t first = k_no_group;
  for (const model::Word* w : cell.words) {
    const size_t c = best_span(plan.columns, w->bbox.x0, w->bbox.x1);
    if (plan.group[c] == k_no_group) {
      return false;
    }
    if (first == k_no_group) {
      first = c;
    } else if (c != first) {
      return true;
    }
  }
  return false;
}

// A line's cells under the header's cells: each cell in the column it
// overlaps most (or the nearest), word by word when printed across columns.
std::vector<std::string> split(const PdfLine& line, const ColumnPlan& plan, size_t width)
{
  std::vector<std::string> cells(width);
  const auto put = [&](double x0, double x1, const std::string& text) {
    std::string& cell = cells[plan.header_of[best_span(plan.columns, x0, x1)]];
    cell += (cell.empty() ? "" : " ") + text;
  };
  for (const PdfCell& cell : gap_cells(line)) {
    if (!across_columns(cell, plan.columns) && !across_group(cell, plan)) {
      put(cell.x0, cell.x1, cell.text);
      continue;
    }
    for (const model::Word* w : cell.words) {
      put(w->bbox.x0, w->bbox.x1, w->text);
    }
  }
  return cells;
}

std::string folded_texts(const std::vector<std::string>& cells)
{
  std::string out;
  for (const std::string& c : cells) {
    out += fold(c) + "|";
  }
  return out;
}

// Headers that read alike at the same places share their columns: the
// lines under all of them show the gaps better than one page's do.
std::string layout_key(const std::vector<PdfCell>& header)
{
  std::string key;
  for (const PdfCell& c : header) {
    key += fold(c.text) + "@" + std::to_string(std::lround(c.x0)) + "|";
  }
  return key;
}

// A header line and the lines below it up to the next header.
struct PdfBlock {
  size_t header = 0; // into the lines
  std::vector<size_t> lines;
  bool reprinted = false; // the header in effect, repeated atop a later page
};

// The first line on lines[first]'s page, from `first` on, that repeats the
// header (folded key); lines.size() when none does.
size_t reprint_on_page(const Grid& grid, const std::vector<PdfLine>& lines, size_t first,
                       const std::string& key)
{
  for (size_t k = first; k < lines.size() && lines[k].page == lines[first].page; ++k) {
    if (folded_texts(grid.rows[k].cells) == key) {
      return k;
    }
  }
  return lines.size();
}

// The table's blocks from the first header on. On each later page, a line
// repeating the header in effect ends the page's running head: it and
// everything above it on that page are dropped (pages listed in
// reprinted_on). Elsewhere a block header (is_block_header) starts a block.
std::vector<PdfBlock> blocks_of(const Grid& grid, const std::vector<PdfLine>& lines, size_t first,
                                std::vector<int>& reprinted_on)
{
  std::vector<PdfBlock> blocks{PdfBlock{first, {}, false}};
  std::string key = folded_texts(grid.rows[first].cells);
  size_t i = first + 1;
  while (i < lines.size()) {
    if (lines[i].page != lines[i - 1].page) {
      const size_t reprint = reprint_on_page(grid, lines, i, key);
      if (reprint < lines.size()) {
        blocks.push_back(PdfBlock{reprint, {}, true});
        reprinted_on.push_back(lines[i].page);
        i = reprint + 1;
        continue;
      }
    }
    if (is_block_header(grid.rows[i])) {
      blocks.push_back(PdfBlock{i, {}, false});
      key = folded_texts(grid.rows[i].cells);
    } else {
      blocks.back().lines.push_back(i);
    }
    ++i;
  }
  return blocks;
}

// The blocks' lines as cells under their headers, each layout's columns
// found once from the lines of all its blocks.
std::vector<TableBlock> cells_of(const std::vector<PdfLine>& lines,
                                 const std::vector<PdfBlock>& blocks)
{
  std::map<std::string, std::vector<const PdfLine*>> pooled;
  for (const PdfBlock& b : blocks) {
    std::vector<const PdfLine*>& pool = pooled[layout_key(gap_cells(lines[b.header]))];
    for (size_t l : b.lines) {
      pool.push_back(&lines[l]);
    }
  }
  std::map<std::string, ColumnPlan> plans;
  std::vector<TableBlock> out;
  for (const PdfBlock& b : blocks) {
    const std::vector<PdfCell> head = gap_cells(lines[b.header]);
    const std::string key = layout_key(head);
    auto plan = plans.find(key);
    if (plan == plans.end()) {
      plan = plans.emplace(key, plan_columns(head, pooled[key])).first;
    }
    TableBlock block;
    block.header_row = lines[b.header].number;
    block.noted = b.reprinted;
    for (const PdfCell& h : head) {
      block.header.push_back(trim(h.text));
    }
    for (size_t l : b.lines) {
      block.rows.push_back(GridRow{lines[l].number, split(lines[l], plan->second, head.size())});
    }
    out.push_back(std::move(block));
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
  std::vector<int> reprinted_on;
  const std::vector<PdfBlock> blocks = blocks_of(grid, lines, header->index, reprinted_on);
  model::PoTable table = merge_blocks(cells_of(lines, blocks));

  const int first_page = lines[header->index].page;
  const int last_page = lines.back().page;
  table.sheet = first_page == last_page
                    ? "page " + std::to_string(first_page)
                    : "page " + std::to_string(first_page) + "-" + std::to_string(last_page);
  table.notes.insert(table.notes.begin(),
                     "header at " + header->reason + " (page " + std::to_string(first_page) + ")");
  if (!reprinted_on.empty()) {
    std::string note = "repeated header dropped on page(s)";
    for (size_t k = 0; k < reprinted_on.size(); ++k) {
      note += (k == 0 ? " " : ", ") + std::to_string(reprinted_on[k]);
    }
    table.notes.push_back(note);
  }
  return table;
}

} // namespace collproc::po
