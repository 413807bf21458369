#pragma once
// Segmentation, the first stage of the heuristic product reader: a page's text
// segments are shared out among product regions. A region is anchored on one
// product photo and holds the text that belongs to it: under it or above it in
// its grid cell (cards), or beside it in its band (rows), with no other photo
// in between, plus the lines that continue that text. Text no photo claims is
// left for the style-number anchored reading of text-only pages.

#include "core/layout/geometry.hpp"
#include "core/model/types.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace collproc::ai::heuristic {

// A page's segments and what each holds, computed once per page and pass.
struct PageLayout {
  std::vector<layout::Segment> segments;
  double body = 10;
  std::vector<bool> anchor; // segment holds a style number
  std::vector<bool> priced; // segment holds a price: product text, whatever identifies it
};
PageLayout analyse(const model::TextPage& page);

struct Region {
  model::BBox photo;        // the photo it is anchored on
  std::vector<int> members; // indexes into the page's segments, top to bottom
  model::BBox text;         // union of the members' boxes (zero when none)
};

struct Segmentation {
  std::vector<Region> regions; // one per photo, in reading order of the photos
  std::vector<int> unclaimed;  // segments no photo claims, top to bottom
};

// Shares out the segments that `usable` allows among the photos (kept image
// placements of the page). body is the page's body font size.
Segmentation photo_regions(const std::vector<layout::Segment>& segments,
                           const std::vector<bool>& usable, const std::vector<model::BBox>& photos,
                           double page_width, double page_height, double body);

// Running headers and footers: text printed at the same place in the top or
// bottom margin of most pages of a document of three pages or more ("Page 3 of
// 12", the brand line). Only margin text is remembered, so it stays small.
class Furniture {
public:
  void add(int page, double page_height, const std::vector<layout::Segment>& segments);
  // Whether the segment is furniture; meaningful once every page was added.
  bool contains(double page_height, const layout::Segment& segment) const;

private:
  struct Key {
    std::string text; // digits folded, so page numbers match
    long x = 0, y = 0;
    auto operator<=>(const Key&) const = default;
  };
  static std::optional<Key> key_of(double page_height, const layout::Segment& segment);
  std::map<Key, std::set<int>> m_pages_of;
  std::set<int> m_pages;
};

} // namespace collproc::ai::heuristic
