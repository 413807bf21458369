#pragma once
// Reading an XLSX purchase order with libzip and pugixml: shared and inline
// strings, numbers, dates (by their number format, 1900 and 1904 systems),
// merged cells (the top-left value fills the range), hidden rows and columns
// (left out, with a note), and several sheets (the one whose header row
// names the most order fields wins, visible sheets first).

#include "core/model/order.hpp"
#include "core/po/header_detect.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace collproc::po {

// A zip entry inflating past this is refused as a zip bomb.
constexpr size_t k_max_xlsx_entry_bytes = 48u * 1024 * 1024;
// All entries read from one file together.
constexpr size_t k_max_xlsx_total_bytes = 160u * 1024 * 1024;
// A cell's text is cut at util::limits().max_cell_bytes (--max-cell-bytes): one
// huge shared string used by thousands of cells must not multiply into gigabytes.

// Every worksheet of the workbook as a grid (sheet name set, hidden rows and
// columns left out, merges filled), in workbook order; a hidden sheet's
// grid has a note "hidden sheet". Throws Error(bad_input) naming
// display_name for a file that is not a readable XLSX or holds a zip bomb.
std::vector<Grid> read_xlsx_grids(const std::filesystem::path& path,
                                  const std::string& display_name);

// read_xlsx_grids, then the best sheet's table; its notes say which sheet was
// chosen and why. Throws Error(bad_input) when no sheet has a header row.
model::PoTable read_xlsx(const std::filesystem::path& path, const std::string& display_name);

// Excel serial day number (1900 or 1904 system) as "YYYY-MM-DD", with
// "THH:MM:SS" when it has a time of day.
std::string excel_serial_to_iso(double serial, bool date1904);

} // namespace collproc::po
