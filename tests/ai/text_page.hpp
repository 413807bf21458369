#pragma once
// Pages of text for the heuristic engine's tests: words laid out 4 pt a
// character, as a PDF's text layer gives them.

#include "core/model/types.hpp"

#include <string>

namespace collproc::test {

struct Type {
  double size = 8; // font size; also the words' height
  bool bold = false;
  double space = 2; // between words; 1 is a gutter no wider than a word space
};

// Appends the words of text to the page, the first at (x, y).
inline void put_words(model::TextPage& page, double x, double y, const std::string& text,
                      Type type = {})
{
  double cx = x;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    end = end == std::string::npos ? text.size() : end;
    const std::string w = text.substr(start, end - start);
    const double width = 4.0 * static_cast<double>(w.size());
    page.words.push_back({w, {cx, y, cx + width, y + type.size}, type.size, type.bold});
    cx += width + type.space;
    start = end + 1;
  }
}

} // namespace collproc::test
