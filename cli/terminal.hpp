#pragma once
// What reaches a person's terminal: text made safe to print (a file name
// with an escape sequence must not clear the screen) and lines cut to the
// terminal's width (a redrawn line that wraps adds a line at every redraw).

#include <cstddef>
#include <string>
#include <string_view>

namespace collproc::cli {

// `text` with control characters and bytes that are not UTF-8 written as
// C-style escapes (\e, \r, \x9b...): \n and \t are kept when `lines` is true.
std::string printable(std::string_view text, bool lines = false);

// Characters (UTF-8 code points) in `text`: what a terminal advances for the
// Latin, Greek and Cyrillic text of labels and file names.
std::size_t display_width(std::string_view text);

// The first `columns` characters of `text`.
std::string cut_to_width(std::string_view text, std::size_t columns);

// The width of the terminal on `fd`; $COLUMNS when fd is not a terminal;
// 0 when neither says.
int terminal_columns(int fd);

} // namespace collproc::cli
