#pragma once
// Reading, the second stage of the heuristic product reader: the segments of
// one product region become one record, a list of text units in reading order.
// Lines that wrap are joined ("OVERSIZED CASHMERE" + "CREW", "CARDI-" + "GAN",
// a line ending in a separator + its continuation), fields run together on one
// line are split at bullets ("Sterling Silver · Sizes 6, 7, 8 · Retail $120"),
// and a label is paired with the value printed to its right ("Colours:" ...
// "Navy / White"), or, alone on its line, with the line under it (a price-tier
// table under "Wholesale Price:").

#include "core/layout/geometry.hpp"

#include <string>
#include <vector>

namespace collproc::ai::heuristic {

// One piece of a product's text: a field or a line, and its font size.
struct TextUnit {
  std::string text;
  double font_size = 0;
};

// The record of the segments `members` (indexes into segments).
std::vector<TextUnit> read_record(const std::vector<layout::Segment>& segments,
                                  const std::vector<int>& members);

// The text with letter-spaced capitals closed up: "C O L O U R W AY" -> "COLOURWAY".
std::string unspaced_letters(const std::string& text);

// The text split at bullets ("·", "•"), each part trimmed; empty parts dropped.
std::vector<std::string> split_bullets(const std::string& text);

} // namespace collproc::ai::heuristic
