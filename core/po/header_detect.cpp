#include "core/po/header_detect.hpp"

#include "core/po/text.hpp"
#include "core/po/vocabulary.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <set>

namespace collproc::po {

namespace {

bool is_blank(const GridRow& row)
{
  for (const std::string& cell : row.cells) {
    if (!trim(cell).empty()) {
      return false;
    }
  }
  return true;
}

// Scores one candidate header row: distinct fields its cells name.
HeaderChoice score_row(const GridRow& row, size_t index)
{
  std::set<std::string> fields;
  int size_cells = 0;
  int numeric_cells = 0;
  for (const std::string& cell : row.cells) {
    const std::string text = trim(cell);
    if (text.empty()) {
      continue;
    }
    if (is_size_label(text)) {
      ++size_cells;
      if (is_numeric_size(text)) {
        ++numeric_cells;
      }
      continue;
    }
    if (parse_number(text)) {
      // A header row names things; rows of numbers are data.
      ++numeric_cells;
      continue;
    }
    if (const std::optional<HeaderField> field = field_for_header(text)) {
      if (field->field != "ignore") {
        fields.insert(field->field);
      }
    }
  }
  HeaderChoice choice;
  choice.index = index;
  const bool has_key = fields.count("style_number") > 0 || fields.count("quantity") > 0;
  if (size_cells >= 2) {
    fields.insert("size_run");
  }
  if (!has_key || fields.size() < 2) {
    return choice;
  }
  choice.score = static_cast<int>(fields.size());
  choice.reason = "row " + std::to_string(row.source_row) + " names";
  bool first = true;
  for (const std::string& f : fields) {
    choice.reason += (first ? " " : ", ") + f;
    first = false;
  }
  return choice;
}

} // namespace

std::optional<HeaderChoice> find_header_row(const Grid& grid)
{
  std::optional<HeaderChoice> best;
  int scanned = 0;
  for (size_t i = 0; i < grid.rows.size() && scanned < k_header_scan_rows; ++i) {
    if (is_blank(grid.rows[i])) {
      continue;
    }
    ++scanned;
    HeaderChoice choice = score_row(grid.rows[i], i);
    if (choice.score > 0 && (!best || choice.score > best->score)) {
      best = std::move(choice);
    }
  }
  return best;
}

model::PoTable build_table(const Grid& grid, const HeaderChoice& header)
{
  model::PoTable table;
  table.sheet = grid.sheet;
  table.notes = grid.notes;
  const GridRow& head = grid.rows.at(header.index);
  table.header_row = head.source_row;
  for (const std::string& cell : head.cells) {
    table.header.push_back(trim(cell));
  }
  // Trailing empty header cells carry nothing unless data sits below them.
  size_t width = table.header.size();
  while (width > 0 && table.header[width - 1].empty()) {
    --width;
  }
  for (size_t i = header.index + 1; i < grid.rows.size(); ++i) {
    const GridRow& row = grid.rows[i];
    size_t used = row.cells.size();
    while (used > 0 && trim(row.cells[used - 1]).empty()) {
      --used;
    }
    width = std::max(width, used);
  }
  table.header.resize(width);
  for (size_t i = header.index + 1; i < grid.rows.size(); ++i) {
    model::PoRow row;
    row.source_row = grid.rows[i].source_row;
    row.cells.reserve(width);
    for (size_t c = 0; c < width; ++c) {
      row.cells.push_back(c < grid.rows[i].cells.size() ? trim(grid.rows[i].cells[c])
                                                        : std::string());
    }
    table.rows.push_back(std::move(row));
  }
  table.notes.push_back("header at " + header.reason);
  return table;
}

model::PoTable table_from_grid(const Grid& grid, const std::string& display_name)
{
  const std::optional<HeaderChoice> header = find_header_row(grid);
  if (!header) {
    throw Error(ExitCode::bad_input,
                display_name +
                    ": no header row found: expected a row naming a style and a quantity column",
                "check that the order table has a header row such as 'Style #, Color, Size, Qty'");
  }
  return build_table(grid, *header);
}

} // namespace collproc::po
