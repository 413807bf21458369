// tests/ai/heuristic_record_test.cpp mirrors core/ai/heuristic_record.cpp
#include "core/ai/heuristic_record.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::ai::heuristic;

namespace {

// A segment of text at (x, y), 5 pt per character wide and size pt high.
layout::Segment seg(double x, double y, const std::string& text, double size = 9, bool bold = false)
{
  layout::Segment s;
  s.bbox = {x, y, x + 5.0 * static_cast<double>(text.size()), y + size};
  s.text = text;
  s.font_size = size;
  s.bold = bold;
  return s;
}

std::vector<std::string> texts(const std::vector<layout::Segment>& segs)
{
  std::vector<int> all;
  for (size_t i = 0; i < segs.size(); ++i) {
    all.push_back(static_cast<int>(i));
  }
  std::vector<std::string> out;
  for (const TextUnit& u : read_record(segs, all)) {
    out.push_back(u.text);
  }
  return out;
}

} // namespace

TEST_CASE("read_record joins a name wrapped over two lines", "[ai]")
{
  CHECK(texts({seg(10, 100, "OVERSIZED CASHMERE", 9, true), seg(10, 110, "CREW", 9, true),
               seg(10, 122, "$120.00", 8)}) ==
        std::vector<std::string>{"OVERSIZED CASHMERE CREW", "$120.00"});
  CHECK(texts({seg(10, 100, "CARDI-", 9, true), seg(10, 110, "GAN", 9, true)}) ==
        std::vector<std::string>{"CARDIGAN"});
}

TEST_CASE("read_record splits a bullet line that wraps into its fields", "[ai]")
{
  CHECK(texts({seg(10, 100, "Sterling Silver / 14k Gold Vermeil \xC2\xB7 Sizes 6, 7,", 7),
               seg(10, 109, "8 \xC2\xB7 Retail $120", 7)}) ==
        std::vector<std::string>{"Sterling Silver / 14k Gold Vermeil", "Sizes 6, 7, 8",
                                 "Retail $120"});
}

TEST_CASE("read_record keeps field lines apart", "[ai]")
{
  CHECK(texts({seg(10, 100, "Linen Wrap Dress", 9), seg(10, 110, "Black / Ivory", 9)}) ==
        std::vector<std::string>{"Linen Wrap Dress", "Black / Ivory"});
}

TEST_CASE("read_record pairs labels with the value to their right or below", "[ai]")
{
  CHECK(texts({seg(300, 100, "Colours:"), seg(360, 100, "Navy / White"), seg(300, 112, "SKU:"),
               seg(360, 112, "WR-118")}) ==
        std::vector<std::string>{"Colours: Navy / White", "SKU: WR-118"});
  // A price-tier table under its label: the label goes with the first tier.
  CHECK(texts({seg(300, 100, "Wholesale Price:"), seg(300, 112, "10 - 24 pieces"),
               seg(420, 112,
                   "\xC2\xA3"
                   "12.00")}) == std::vector<std::string>{"Wholesale Price: 10 - 24 pieces",
                                                          "\xC2\xA3"
                                                          "12.00"});
}

TEST_CASE("split_bullets splits at middle dots and bullets", "[ai]")
{
  CHECK(split_bullets("a \xC2\xB7 b \xE2\x80\xA2 c") == std::vector<std::string>{"a", "b", "c"});
  CHECK(split_bullets(" \xC2\xB7 ").empty());
}

TEST_CASE("unspaced_letters closes up letter-spaced capitals, not size lists", "[ai]")
{
  CHECK(unspaced_letters("C O L O U R W AY Sand / Espresso") == "COLOURWAY Sand / Espresso");
  CHECK(unspaced_letters("Sizes: XS S M L XL") == "Sizes: XS S M L XL");
  CHECK(unspaced_letters("A B C") == "A B C");
}

TEST_CASE("read_record joins a labelled line that wraps and a name in display type", "[ai]")
{
  CHECK(texts({seg(10, 100, "Colours: Blue Stripe, Red", 9), seg(10, 111, "Stripe", 9),
               seg(10, 124, "Cotton seersucker, camp collar", 8)}) ==
        std::vector<std::string>{"Colours: Blue Stripe, Red Stripe",
                                 "Cotton seersucker, camp collar"});
  CHECK(texts({seg(10, 100, "Chelsea Boot in", 18), seg(10, 121, "Brushed Suede", 18),
               seg(10, 145, "Elastic gussets and a stacked leather heel", 7)}) ==
        std::vector<std::string>{"Chelsea Boot in Brushed Suede",
                                 "Elastic gussets and a stacked leather heel"});
}

TEST_CASE("read_record continues a value under it in the value column", "[ai]")
{
  // Label column at x 56, values right-aligned at x 318: a colour list and a
  // name that wrap; a label with no value does not swallow the next label.
  CHECK(texts({seg(56, 100, "Product Name:"), seg(216, 100, "Merino Crew Neck"),
               seg(276, 114, "Jumper"), seg(56, 136, "Colour:"), seg(214, 136, "Champagne, Black,"),
               seg(291, 150, "Sage"), seg(56, 172, "Sizes:"), seg(56, 194, "Material:"),
               seg(200, 194, "70% alpaca")}) ==
        std::vector<std::string>{"Product Name: Merino Crew Neck Jumper",
                                 "Colour: Champagne, Black, Sage", "Sizes",
                                 "Material: 70% alpaca"});
}
