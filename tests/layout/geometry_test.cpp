// tests/layout/geometry_test.cpp mirrors core/layout/geometry.cpp
#include "core/layout/geometry.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::layout;

namespace {

// Adds a line of words at (x, y), 0.25 em apart, each word 0.5 em per letter.
void put(model::TextPage& page, double x, double y, const std::string& text, double size = 8)
{
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) {
      end = text.size();
    }
    const std::string w = text.substr(start, end - start);
    const double width = 0.5 * size * static_cast<double>(w.size());
    page.words.push_back({w, {x, y, x + width, y + size}, size, false});
    x += width + 0.25 * size;
    start = end + 1;
  }
}

} // namespace

TEST_CASE("segments split a line at gaps wider than an em", "[layout]")
{
  model::TextPage page;
  put(page, 40, 100, "AW25/301");
  put(page, 120, 100, "Merino Crew Sweater");
  put(page, 40, 112, "100% extra fine merino");
  const std::vector<Segment> segs = segments(page);
  REQUIRE(segs.size() == 3);
  CHECK(segs[0].text == "AW25/301");
  CHECK(segs[1].text == "Merino Crew Sweater");
  CHECK(segs[2].text == "100% extra fine merino");
  CHECK(segs[1].bbox.x0 == 120);
  CHECK(segs[1].font_size == 8);
}

TEST_CASE("group_blocks keeps grid cards apart and reads them row by row", "[layout]")
{
  model::TextPage page;
  for (int row = 0; row < 2; ++row) {
    for (int col = 0; col < 3; ++col) {
      const double x = 40 + col * 180;
      const double y = 250 + row * 300;
      put(page, x, y, "SS26-10" + std::to_string(row * 3 + col));
      put(page, x, y + 11, "Linen Wrap Dress");
      put(page, x, y + 22, "WHS $42.00");
      put(page, x + 60, y + 22, "RRP $98.00"); // beside WHS, too far to share a segment
    }
  }
  const std::vector<Segment> segs = segments(page);
  const std::vector<std::vector<int>> blocks = group_blocks(segs);
  REQUIRE(blocks.size() == 6);
  for (size_t b = 0; b < blocks.size(); ++b) {
    REQUIRE(blocks[b].size() == 4);
    CHECK(segs[static_cast<size_t>(blocks[b][0])].text == "SS26-10" + std::to_string(b));
    CHECK(segs[static_cast<size_t>(blocks[b][3])].text == "RRP $98.00");
  }
}

TEST_CASE("row_bands groups boxes on one line without chaining", "[layout]")
{
  const std::vector<model::BBox> boxes = {
      {0, 100, 10, 110}, {50, 102, 60, 112}, {100, 108, 110, 118}, {0, 130, 10, 140}};
  const std::vector<std::vector<int>> bands = row_bands(boxes);
  REQUIRE(bands.size() == 3);
  CHECK(bands[0] == std::vector<int>{0, 1});
  CHECK(bands[1] == std::vector<int>{2});
  CHECK(bands[2] == std::vector<int>{3});
}

TEST_CASE("columns, distance and body font size", "[layout]")
{
  const std::vector<Column> cols =
      columns({{40, 0, 150, 10}, {60, 20, 140, 30}, {220, 0, 330, 10}});
  REQUIRE(cols.size() == 2);
  CHECK(cols[0].x0 == 40);
  CHECK(cols[0].x1 == 150);
  CHECK(cols[1].x0 == 220);
  CHECK(distance({0, 0, 10, 10}, {13, 14, 20, 20}) == Approx(5));
  CHECK(distance({0, 0, 10, 10}, {5, 5, 20, 20}) == 0);
  model::TextPage page;
  put(page, 40, 40, "DRESSES", 22);
  put(page, 40, 100, "Fluid satin cut on the bias", 8);
  CHECK(body_font_size(segments(page)) == 8);
}
