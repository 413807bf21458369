#pragma once
// Reading a CSV purchase order: RFC 4180 quoting; ',' ';' tab or '|'
// delimiters detected; UTF-8 (with or without BOM), UTF-16 with BOM, else
// Windows-1252; CR, LF or CRLF line ends; ragged rows; NUL bytes dropped.

#include "core/model/order.hpp"
#include "core/po/header_detect.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace collproc::po {

// Files larger than this are refused: no purchase order is this big.
constexpr size_t k_max_csv_bytes = 64u * 1024 * 1024;
// Cells longer than util::limits().max_cell_bytes (--max-cell-bytes) are cut
// (with a note) so one runaway field stays small.

// The bytes as UTF-8, with the encoding it decided on ("utf-8", "utf-8 bom",
// "utf-16le bom", "windows-1252", ...). Never throws on bad bytes: they
// decode as U+FFFD.
std::string decode_text(std::string_view bytes, std::string& encoding);

// The records of UTF-8 CSV text as a grid (source_row is the 1-based line
// where the record starts). Detects the delimiter; an unterminated quote
// makes the rest of the file read without quoting (noted in Grid::notes).
Grid parse_csv_text(std::string_view text);

// read then decode then parse then find the header. Throws Error(bad_input)
// naming display_name for an unreadable, too large, binary (zip, gzip) file
// or one with no header row.
model::PoTable read_csv(const std::filesystem::path& path, const std::string& display_name);

} // namespace collproc::po
