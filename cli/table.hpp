#pragma once
// Aligned plain-text tables for the human form of listings.

#include <optional>
#include <string>
#include <vector>

namespace collproc::cli {

using Row = std::vector<std::string>;

// Prints header and rows to stdout, columns padded to their widest cell
// (counted in UTF-8 characters); the last column is not padded.
void print_table(const Row& header, const std::vector<Row>& rows);

// "12.3 MB", "840 kB", "12 B".
std::string human_size(long long bytes);
// 42 -> "42.00"; absent -> "-".
std::string money(const std::optional<double>& value);

} // namespace collproc::cli
