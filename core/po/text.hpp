#pragma once
// Small text helpers shared by the PO readers and steps: trimming, ASCII case
// folding, and lenient number parsing for cells typed by people.

#include <optional>
#include <string>
#include <string_view>

namespace collproc::po {

// The text without leading/trailing ASCII whitespace and NBSP (U+00A0).
std::string trim(std::string_view text);

// ASCII letters lowered; other bytes (UTF-8 included) unchanged.
std::string lower_ascii(std::string_view text);

// ASCII and Latin-1 letters lowered ("ÉCRU" -> "écru", "GRÖSSE" -> "grösse");
// other bytes unchanged.
std::string lower_latin(std::string_view text);

// Lowered (lower_latin) with every space removed: "Navy Blue" and "navyblue"
// fold alike, as do "ÉCRU" and "Écru".
std::string fold(std::string_view text);

// A price or count as people type it: "$1,234.50", "42,00", "USD 42", "(3)".
// nullopt when the cell holds no number or anything besides one.
std::optional<double> parse_number(std::string_view text);

// A whole non-negative count ("4", "4.0", "1,200"); nullopt otherwise.
std::optional<int> parse_count(std::string_view text);

// Whether the bytes are well-formed UTF-8 (RFC 3629: no overlong forms,
// surrogates or code points past U+10FFFF), as JSON requires of the tables
// and SKUs the steps store.
bool is_utf8(std::string_view text);

// The text with each byte that starts no well-formed UTF-8 sequence (a stray
// byte, or the rest of a character cut in two) replaced by U+FFFD.
std::string repair_utf8(std::string_view text);

// Shortest decimal form of a number as read from a spreadsheet: 42 -> "42",
// 42.5 -> "42.5", 0.1+0.2 -> "0.3".
std::string format_number(double value);

} // namespace collproc::po
