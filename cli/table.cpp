#include "cli/table.hpp"
#include "cli/terminal.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace collproc::cli {

void print_table(const Row& raw_header, const std::vector<Row>& raw_rows)
{
  // Cells hold file names and text from documents: escaped, so a control
  // character in them cannot move the cursor or clear the screen.
  Row header;
  for (const auto& cell : raw_header) {
    header.push_back(printable(cell));
  }
  std::vector<Row> rows;
  rows.reserve(raw_rows.size());
  for (const auto& raw : raw_rows) {
    Row& row = rows.emplace_back();
    for (const auto& cell : raw) {
      row.push_back(printable(cell));
    }
  }
  std::vector<size_t> widths(header.size(), 0);
  const auto measure = [&](const Row& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  };
  measure(header);
  for (const auto& row : rows) {
    measure(row);
  }
  const auto print_row = [&](const Row& row) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) {
        line += std::string(widths[i] - display_width(row[i]) + 2, ' ');
      }
    }
    fmt::print("{}\n", line);
  };
  print_row(header);
  for (const auto& row : rows) {
    print_row(row);
  }
}

std::string human_size(long long bytes)
{
  if (bytes >= 1000LL * 1000) {
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
  }
  if (bytes >= 1000) {
    return fmt::format("{:.0f} kB", static_cast<double>(bytes) / 1e3);
  }
  return fmt::format("{} B", bytes);
}

std::string money(const std::optional<double>& value)
{
  return value ? fmt::format("{:.2f}", *value) : "-";
}

} // namespace collproc::cli
