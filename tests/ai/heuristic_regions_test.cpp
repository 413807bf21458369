// tests/ai/heuristic_regions_test.cpp mirrors core/ai/heuristic_regions.cpp
#include "core/ai/heuristic_regions.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::ai::heuristic;

namespace {

layout::Segment seg(double x, double y, const std::string& text, double size = 9)
{
  layout::Segment s;
  s.bbox = {x, y, x + 5.0 * static_cast<double>(text.size()), y + size};
  s.text = text;
  s.font_size = size;
  return s;
}

// The texts of each region, and of the unclaimed segments last.
std::vector<std::vector<std::string>> shares(const std::vector<layout::Segment>& segs,
                                             const std::vector<model::BBox>& photos)
{
  const Segmentation s =
      photo_regions(segs, std::vector<bool>(segs.size(), true), photos, 612, 792, 9);
  std::vector<std::vector<std::string>> out;
  for (const Region& r : s.regions) {
    out.emplace_back();
    for (int m : r.members) {
      out.back().push_back(segs[static_cast<size_t>(m)].text);
    }
  }
  out.emplace_back();
  for (int m : s.unclaimed) {
    out.back().push_back(segs[static_cast<size_t>(m)].text);
  }
  return out;
}

using Shares = std::vector<std::vector<std::string>>;

} // namespace

TEST_CASE("photo_regions gives each card of a grid the text under its photo", "[ai]")
{
  const std::vector<model::BBox> photos = {
      {40, 60, 260, 300}, {320, 60, 540, 300}, {40, 400, 260, 640}, {320, 400, 540, 640}};
  const std::vector<layout::Segment> segs = {
      seg(40, 310, "Card one"),   seg(200, 340, "$10"),       seg(320, 310, "Card two"),
      seg(40, 650, "Card three"), seg(320, 650, "Card four"), seg(320, 661, "wraps here"),
      seg(250, 770, "Page 1")};
  CHECK(shares(segs, photos) == Shares{{"Card one", "$10"},
                                       {"Card two"},
                                       {"Card three"},
                                       {"Card four", "wraps here"},
                                       {"Page 1"}});
}

TEST_CASE("photo_regions gives a row's text beside its photo to it, however tall", "[ai]")
{
  // Photo on the left, label and value columns 160 pt to its right; the text
  // runs below the photo's bottom edge.
  const std::vector<model::BBox> photos = {{40, 100, 160, 250}, {40, 400, 160, 550}};
  const std::vector<layout::Segment> segs = {
      seg(320, 100, "Name:"),       seg(380, 100, "Linen Tote"),  seg(320, 240, "Wholesale:"),
      seg(320, 251, "10 - 24 pcs"), seg(320, 262, "25 - 49 pcs"), seg(320, 400, "Name:"),
      seg(380, 400, "Canvas Hat")};
  CHECK(shares(segs, photos) ==
        Shares{{"Name:", "Linen Tote", "Wholesale:", "10 - 24 pcs", "25 - 49 pcs"},
               {"Name:", "Canvas Hat"},
               {}});
}

TEST_CASE("photo_regions takes a title printed just above its photo", "[ai]")
{
  const std::vector<model::BBox> photos = {{40, 100, 260, 300}, {40, 420, 260, 620}};
  const std::vector<layout::Segment> segs = {seg(40, 86, "Title one"), seg(40, 305, "#1001"),
                                             seg(40, 406, "Title two"), seg(40, 625, "#1002")};
  CHECK(shares(segs, photos) == Shares{{"Title one", "#1001"}, {"Title two", "#1002"}, {}});
}

TEST_CASE("Furniture finds running footers on most pages, not product text", "[ai]")
{
  Furniture f;
  for (int page = 1; page <= 4; ++page) {
    f.add(page, 792,
          {seg(250, 770, "Page " + std::to_string(page) + " of 4"), seg(40, 20, "MAISON"),
           seg(40, 90, "SS26-10" + std::to_string(page))});
  }
  CHECK(f.contains(792, seg(250, 770, "Page 9 of 4")));
  CHECK(f.contains(792, seg(40, 20, "MAISON")));
  CHECK_FALSE(f.contains(792, seg(40, 90, "SS26-101")));
  CHECK_FALSE(f.contains(792, seg(40, 400, "MAISON")));
}

TEST_CASE("photo_regions reads alternating rows: text beside each photo, not under the one above",
          "[ai]")
{
  // Photo left then text right; below, text left then photo right. The second
  // text lies in the first photo's cell, under it, but beside the second photo.
  const std::vector<model::BBox> photos = {{77, 55, 263, 287}, {331, 332, 517, 564}};
  const std::vector<layout::Segment> segs = {
      seg(331, 93, "REF. AC-F104"), seg(331, 102, "Chelsea Boot", 18), seg(77, 382, "REF. AC-F108"),
      seg(77, 391, "Woven Mule", 18), seg(77, 485, "Wholesale 164,50")};
  CHECK(shares(segs, photos) == Shares{{"REF. AC-F104", "Chelsea Boot"},
                                       {"REF. AC-F108", "Woven Mule", "Wholesale 164,50"},
                                       {}});
}

TEST_CASE("photo_regions takes a first line that starts a little above its photo's top", "[ai]")
{
  const std::vector<model::BBox> photos = {{36, 124, 138, 252}, {36, 305, 138, 433}};
  const std::vector<layout::Segment> segs = {
      seg(149, 115, "Seersucker Camp", 12.7), seg(149, 130, "Shirt", 12.7),
      seg(149, 296, "Leather Strap", 12.7), seg(149, 311, "Sandal", 12.7)};
  CHECK(shares(segs, photos) ==
        Shares{{"Seersucker Camp", "Shirt"}, {"Leather Strap", "Sandal"}, {}});
}

TEST_CASE("photo_regions keeps a card's last line from the title slot of the photo below", "[ai]")
{
  // Photos above text in a column: the price line, last of the first card's
  // block, sits just over the second photo; a real title over a photo does not
  // continue the block above it.
  const std::vector<model::BBox> photos = {{63, 147, 238, 367}, {63, 472, 238, 692}};
  const std::vector<layout::Segment> segs = {
      seg(63, 372, "TV26-101"), seg(63, 383, "Bias Cut Satin Slip Dress"),
      seg(63, 397, "Sizes: 6-16"), seg(63, 461, "Wholesale 62.50"), seg(63, 440, "Colours: Black")};
  CHECK(shares(segs, photos)[0].size() == 5);
  const std::vector<layout::Segment> titled = {seg(63, 372, "Caption one"),
                                               seg(63, 458, "Title two")};
  CHECK(shares(titled, photos) == Shares{{"Caption one"}, {"Title two"}, {}});
}
