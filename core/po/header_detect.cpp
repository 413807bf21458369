#include "core/po/header_detect.hpp"

#include "core/po/text.hpp"
#include "core/po/vocabulary.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace collproc::po {

namespace {

constexpr size_t k_no_column = static_cast<size_t>(-1);

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

// The union of the blocks' headers as it grows: labels by column id, and
// the ids left to right.
struct UnionHeader {
  std::vector<std::string> labels;
  std::vector<size_t> order;

  enum class Place { last, with_sizes };

  // A new column; with_sizes puts a size label after the last size column
  // (if any), so that identify_columns sees one run of sizes.
  size_t add(const std::string& label, Place place)
  {
    const size_t id = labels.size();
    labels.push_back(label);
    auto at = order.end();
    if (place == Place::with_sizes && is_size_label(label)) {
      for (auto it = order.begin(); it != order.end(); ++it) {
        if (is_size_label(labels[*it])) {
          at = it + 1;
        }
      }
    }
    order.insert(at, id);
    return id;
  }
};

// The number of cells up to the last non-blank one.
size_t used_width(const std::vector<std::string>& cells)
{
  size_t used = cells.size();
  while (used > 0 && trim(cells[used - 1]).empty()) {
    --used;
  }
  return used;
}

// The first block's columns, in order: its header, as wide as its widest row
// (trailing empty header cells carry nothing unless data sits below them).
std::vector<size_t> first_block_columns(const TableBlock& block, UnionHeader& head)
{
  size_t width = used_width(block.header);
  for (const GridRow& row : block.rows) {
    width = std::max(width, used_width(row.cells));
  }
  std::vector<size_t> ids;
  for (size_t c = 0; c < width; ++c) {
    const std::string label = c < block.header.size() ? trim(block.header[c]) : std::string();
    ids.push_back(head.add(label, UnionHeader::Place::last));
  }
  return ids;
}

// Where each column of a later block goes: the unclaimed union column with
// the same folded label, else one naming the same field, else a new column
// (its label added to `added`). Unlabelled columns with data get new ""
// columns; the ids cover every cell of the block's rows.
std::vector<size_t> later_block_columns(const TableBlock& block, UnionHeader& head,
                                        std::vector<std::string>& added)
{
  std::vector<size_t> ids(block.header.size(), k_no_column);
  std::vector<bool> taken(head.labels.size(), false);
  const auto claim = [&](size_t c, const auto& matches) {
    for (size_t id : head.order) {
      if (ids[c] == k_no_column && !taken[id] && matches(head.labels[id])) {
        ids[c] = id;
        taken[id] = true;
      }
    }
  };
  for (size_t c = 0; c < ids.size(); ++c) {
    const std::string label = fold(trim(block.header[c]));
    if (!label.empty()) {
      claim(c, [&](const std::string& l) { return fold(l) == label; });
    }
  }
  for (size_t c = 0; c < ids.size(); ++c) {
    const std::string label = trim(block.header[c]);
    const std::optional<HeaderField> field = field_for_header(label);
    if (ids[c] == k_no_column && field && !is_size_label(label)) {
      claim(c, [&](const std::string& l) {
        const std::optional<HeaderField> f = field_for_header(l);
        return f && f->field == field->field && !is_size_label(l);
      });
    }
  }
  for (size_t c = 0; c < ids.size(); ++c) {
    const std::string label = trim(block.header[c]);
    if (ids[c] == k_no_column && !label.empty()) {
      ids[c] = head.add(label, UnionHeader::Place::with_sizes);
      added.push_back(label);
    }
  }
  for (const GridRow& row : block.rows) {
    for (size_t c = 0; c < row.cells.size(); ++c) {
      if (c >= ids.size()) {
        ids.resize(c + 1, k_no_column);
      }
      if (ids[c] == k_no_column && !trim(row.cells[c]).empty()) {
        ids[c] = head.add("", UnionHeader::Place::last);
      }
    }
  }
  return ids;
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

bool is_block_header(const GridRow& row)
{
  for (const std::string& cell : row.cells) {
    const std::string text = trim(cell);
    const bool digits = std::any_of(text.begin(), text.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
    if (!digits || is_size_label(text)) {
      continue;
    }
    // Prices, counts and style numbers are data; a header's digits are in
    // size labels or exact synonyms ("EAN13").
    const std::optional<HeaderField> field = field_for_header(text);
    if (!field || field->strength < 3) {
      return false;
    }
  }
  return score_row(row, 0).score > 0;
}

model::PoTable merge_blocks(const std::vector<TableBlock>& blocks)
{
  model::PoTable table;
  if (blocks.empty()) {
    return table;
  }
  table.header_row = blocks[0].header_row;
  UnionHeader head;
  std::vector<std::vector<size_t>> ids;
  for (size_t b = 0; b < blocks.size(); ++b) {
    std::vector<std::string> added;
    ids.push_back(b == 0 ? first_block_columns(blocks[0], head)
                         : later_block_columns(blocks[b], head, added));
    if (b > 0 && !blocks[b].noted) {
      std::string note = "row " + std::to_string(blocks[b].header_row) +
                         " starts a new block under its own header";
      for (size_t k = 0; k < added.size(); ++k) {
        note += (k == 0 ? " (new columns: " : ", ") + added[k];
      }
      table.notes.push_back(note + (added.empty() ? "" : ")"));
    }
  }
  std::vector<size_t> position(head.labels.size());
  for (size_t p = 0; p < head.order.size(); ++p) {
    position[head.order[p]] = p;
    table.header.push_back(head.labels[head.order[p]]);
  }
  for (size_t b = 0; b < blocks.size(); ++b) {
    for (const GridRow& source : blocks[b].rows) {
      model::PoRow row;
      row.source_row = source.source_row;
      row.cells.resize(table.header.size());
      for (size_t c = 0; c < source.cells.size(); ++c) {
        std::string text = trim(source.cells[c]);
        if (!text.empty()) {
          row.cells[position[ids[b][c]]] = std::move(text);
        }
      }
      table.rows.push_back(std::move(row));
    }
  }
  return table;
}

model::PoTable build_table(const Grid& grid, const HeaderChoice& header)
{
  const GridRow& head = grid.rows.at(header.index);
  std::vector<TableBlock> blocks{TableBlock{head.source_row, head.cells, {}, false}};
  for (size_t i = header.index + 1; i < grid.rows.size(); ++i) {
    if (is_block_header(grid.rows[i])) {
      blocks.push_back(TableBlock{grid.rows[i].source_row, grid.rows[i].cells, {}, false});
    } else {
      blocks.back().rows.push_back(grid.rows[i]);
    }
  }
  model::PoTable table = merge_blocks(blocks);
  table.sheet = grid.sheet;
  std::vector<std::string> notes = grid.notes;
  notes.push_back("header at " + header.reason);
  notes.insert(notes.end(), table.notes.begin(), table.notes.end());
  table.notes = std::move(notes);
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
