#pragma once
// Pure layout analysis on one page's words: horizontal runs of words
// (segments), row bands, vertical blocks and column intervals. Coordinates are
// model's: points, top-left origin, y down. Nothing here throws.

#include "core/model/types.hpp"

#include <string>
#include <vector>

namespace collproc::layout {

// Words on one baseline with no wide gap between them: a table cell, a card
// line, a heading. Gaps wider than about one em split a line into segments.
struct Segment {
  model::BBox bbox;
  std::string text;       // the words joined by single spaces
  double font_size = 0;   // the largest word's
  bool bold = false;      // any word bold
  std::vector<int> words; // indexes into TextPage::words, left to right
};

// The page's segments, top to bottom, then left to right. Uses the words only,
// so it does not depend on how the reader grouped lines.
std::vector<Segment> segments(const model::TextPage& page);

// Groups boxes whose vertical extents overlap by at least half the shorter
// one into row bands; bands top to bottom, indexes in each left to right.
std::vector<std::vector<int>> row_bands(const std::vector<model::BBox>& boxes);

// Stacks of segments that read as one text block: consecutive lines less than
// about a line apart that overlap horizontally. Blocks in reading order (top to
// bottom, then left to right), indexes in each top to bottom, left to right.
std::vector<std::vector<int>> group_blocks(const std::vector<Segment>& segments);

// Column intervals [x0, x1] from the horizontal extents of boxes: boxes whose
// x-ranges overlap fall into one column. Left to right.
struct Column {
  double x0 = 0, x1 = 0;
};
std::vector<Column> columns(const std::vector<model::BBox>& boxes);

// The font size most words have (by character count); 10 when there is no text.
double body_font_size(const std::vector<Segment>& segments);

// Length of the overlap of the two boxes' x (or y) ranges, 0 when disjoint.
double overlap_x(const model::BBox& a, const model::BBox& b);
double overlap_y(const model::BBox& a, const model::BBox& b);

// Euclidean distance between the two rectangles, 0 when they touch.
double distance(const model::BBox& a, const model::BBox& b);

// Union of boxes; a zero box when the list is empty.
model::BBox united(const std::vector<model::BBox>& boxes);

} // namespace collproc::layout
