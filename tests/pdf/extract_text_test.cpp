// tests/pdf/extract_text_test.cpp mirrors core/pdf/extract_text.cpp
#include "core/pdf/pdf_document.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace collproc;

namespace {

std::filesystem::path fixture(const std::string& name)
{
  return test::source_dir() / "tests/pdf/fixtures" / name;
}

} // namespace

TEST_CASE("extract_text finds words with boxes, font sizes and weight", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("text.pdf"), "text.pdf");
  const model::TextPage t = pdf::extract_text(doc, 1);
  CHECK(t.page == 1);
  CHECK(t.width == Approx(612));
  CHECK(t.height == Approx(792));
  REQUIRE(t.words.size() == 5);

  // "Hello world Café" in Helvetica 12 on the baseline y=700: top-left y = 92.
  CHECK(t.words[0].text == "Hello");
  CHECK(t.words[1].text == "world");
  CHECK(t.words[2].text == "Caf\xc3\xa9"); // UTF-8
  const model::Word& hello = t.words[0];
  CHECK(hello.bbox.x0 == Approx(72).margin(0.5));
  CHECK(hello.bbox.y0 < 92);
  CHECK(hello.bbox.y1 > 92);
  CHECK(hello.bbox.y1 < 96);
  CHECK(hello.bbox.x1 > hello.bbox.x0 + 20);
  CHECK(hello.font_size == Approx(12));
  CHECK_FALSE(hello.bold);

  // "Style 1234" in Helvetica-Bold 18 on the baseline y=650: top-left y = 142.
  CHECK(t.words[3].text == "Style");
  CHECK(t.words[4].text == "1234");
  CHECK(t.words[3].font_size == Approx(18));
  CHECK(t.words[3].bold);
  CHECK(t.words[3].bbox.y0 < 142);
  CHECK(t.words[3].bbox.y1 > 142);
  CHECK(t.words[4].bbox.x0 > t.words[3].bbox.x1);

  REQUIRE(t.lines.size() == 2);
  CHECK(t.lines[0].text == "Hello world Caf\xc3\xa9");
  CHECK(t.lines[0].words == std::vector<int>{0, 1, 2});
  CHECK(t.lines[0].font_size == Approx(12));
  CHECK(t.lines[0].bbox.x0 == Approx(72).margin(0.5));
  CHECK(t.lines[0].bbox.x1 == Approx(t.words[2].bbox.x1));
  CHECK(t.lines[1].text == "Style 1234");
  CHECK(t.lines[1].font_size == Approx(18));
}

TEST_CASE("extract_text reads a two-column page column by column", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("text.pdf"), "text.pdf");
  const model::TextPage t = pdf::extract_text(doc, 2);
  std::vector<std::string> lines;
  for (const model::Line& l : t.lines) {
    lines.push_back(l.text);
  }
  CHECK(lines == std::vector<std::string>{"Left one alpha", "Left two beta", "Left three gamma",
                                          "Right one delta", "Right two epsilon",
                                          "Right three zeta"});
  REQUIRE(t.blocks.size() == 2);
  CHECK(t.blocks[0].lines == std::vector<int>{0, 1, 2});
  CHECK(t.blocks[1].lines == std::vector<int>{3, 4, 5});
  CHECK(t.blocks[0].bbox.x0 == Approx(72).margin(0.5));
  CHECK(t.blocks[1].bbox.x0 == Approx(340).margin(0.5));
  CHECK(t.blocks[0].bbox.x1 < t.blocks[1].bbox.x0);
  // Words are in reading order and every line points at its own words.
  int next = 0;
  for (const model::Line& l : t.lines) {
    for (int w : l.words) {
      CHECK(w == next++);
    }
  }
  CHECK(next == static_cast<int>(t.words.size()));
}

TEST_CASE("extract_text on a page with no text is empty", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("images.pdf"), "images.pdf");
  const model::TextPage t = pdf::extract_text(doc, 1);
  CHECK(t.words.empty());
  CHECK(t.lines.empty());
  CHECK(t.blocks.empty());
  CHECK(t.width == Approx(612));
}

TEST_CASE("extract_text gives boxes in the displayed frame of a rotated page", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("text.pdf"), "text.pdf");
  const model::TextPage t = pdf::extract_text(doc, 3);
  CHECK(t.width == Approx(612));
  CHECK(t.height == Approx(792));
  REQUIRE(t.words.size() == 1);
  const model::Word& w = t.words[0];
  CHECK(w.text == "Rotated");
  // User baseline y=300 from x=100 shows as a column at x~300 going down from y=100.
  CHECK(w.bbox.y0 == Approx(100).margin(0.5));
  CHECK(w.bbox.y1 > 130);
  CHECK(w.bbox.x0 < 300);
  CHECK(w.bbox.x0 > 295);
  CHECK(w.bbox.x1 > 305);
  CHECK(w.bbox.x1 < 312);
}

TEST_CASE("extract_text rejects page numbers out of range", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("text.pdf"), "text.pdf");
  CHECK_THROWS_AS(pdf::extract_text(doc, 4), std::out_of_range);
  CHECK_THROWS_AS(pdf::extract_images(doc, 0), std::out_of_range);
}
