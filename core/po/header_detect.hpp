#pragma once
// The step every reader shares: a raw grid of cells (rows with their source
// row numbers) becomes a model::PoTable once the header row is found below
// any preamble (PO number, buyer, ship-to, dates).

#include "core/model/order.hpp"

#include <optional>
#include <string>
#include <vector>

namespace collproc::po {

// One source row as a reader found it; cells may be ragged.
struct GridRow {
  int source_row = 0; // 1-based row (XLSX/CSV) or line (PDF)
  std::vector<std::string> cells;
};

// A sheet, CSV file or PDF as rows of cells, with what the reader noticed.
struct Grid {
  std::string sheet; // XLSX sheet name; "" for CSV
  std::vector<GridRow> rows;
  std::vector<std::string> notes;
};

// The best header row of a grid and how good it is.
struct HeaderChoice {
  size_t index = 0;   // into Grid::rows
  int score = 0;      // distinct fields named, size runs counting as one
  std::string reason; // "row 5 names style_number, color, quantity"
};

// The header row: the first of the best-scoring rows that names a style or a
// quantity column and at least two fields in all. nullopt when none does
// within the first k_header_scan_rows non-blank rows.
std::optional<HeaderChoice> find_header_row(const Grid& grid);

// The number of non-blank rows searched for a header.
constexpr int k_header_scan_rows = 200;

// Whether a row below the header starts a new block of the table under its
// own header (a size run of other sizes, say): it scores as a header and
// holds no data (no numbers but size labels, no codes but in exact synonyms).
bool is_block_header(const GridRow& row);

// A header row and the rows below it up to the next header, their cells in
// the header's columns.
struct TableBlock {
  int header_row = 0; // source row of the header
  std::vector<std::string> header;
  std::vector<GridRow> rows;
  bool noted = false; // the caller reports why it starts (a PDF's reprinted header)
};

// The blocks as one table. Its header is the first block's, widened (with ""
// headers) when its rows are longer, then each later block's labels that it
// lacks: a label matches a column of the same folded text, else one naming
// the same field; new size labels join the size run, others go last. Each
// row's cells sit under the labels of its own block. Notes the rows that
// start blocks; header_row is the first block's, sheet is "".
model::PoTable merge_blocks(const std::vector<TableBlock>& blocks);

// The table below the given header row, in blocks wherever a row below is a
// block header (merge_blocks). Keeps the grid's sheet and notes and adds the
// header choice.
model::PoTable build_table(const Grid& grid, const HeaderChoice& header);

// find_header_row then build_table; throws Error(bad_input) "<display_name>:
// no header row found: expected a row naming a style and a quantity column".
model::PoTable table_from_grid(const Grid& grid, const std::string& display_name);

} // namespace collproc::po
