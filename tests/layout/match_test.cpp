// tests/layout/match_test.cpp mirrors core/layout/match.cpp
#include "core/ai/heuristic_products.hpp"
#include "core/layout/match.hpp"
#include "core/util/hash.hpp"
#include "tests/ai/sample_linesheets.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

using namespace collproc;
using namespace collproc::layout;

namespace {

model::ImagePlacement placement(const std::string& id, int index, model::BBox box)
{
  model::ImagePlacement p;
  p.image_id = id;
  p.page = 1;
  p.index = index;
  p.bbox = box;
  return p;
}

model::Product product(const std::string& id, model::BBox box)
{
  model::Product p;
  p.product_id = id;
  p.page = 1;
  p.bbox = box;
  return p;
}

} // namespace

TEST_CASE("match_score prefers an image inside, then aligned and close", "[layout]")
{
  const model::BBox card{40, 100, 200, 400};
  const double inside = match_score({45, 105, 195, 300}, card, 792);
  const double above = match_score({45, 40, 195, 95}, card, 792);
  const double far = match_score({400, 600, 500, 700}, card, 792);
  CHECK(inside == Approx(1.0));
  CHECK(above < inside);
  CHECK(far < above);
  CHECK(far >= 0);
  CHECK(match_score({0, 0, 0, 0}, card, 792) == 0);
}

TEST_CASE("match_images assigns globally, not greedily", "[layout]")
{
  // Image a lies half in card 1 and touches card 2; image b lies only in
  // card 1's column. Greedy would give a to card 1 and leave card 2 empty.
  MatchInput in;
  in.products = {product("one", {40, 100, 200, 400}), product("two", {40, 410, 200, 700})};
  in.kept.push_back(
      {1,
       612,
       792,
       {placement("b", 0, {45, 110, 195, 240}), placement("a", 1, {45, 330, 195, 460})}});
  const std::vector<model::ImageMatch> got = match_images(in);
  REQUIRE(got.size() == 2);
  CHECK(got[0].image_id == "b");
  CHECK(got[0].product_id == "one");
  CHECK(got[1].image_id == "a");
  CHECK(got[1].product_id == "two");
  CHECK(got[1].score > 0);
  CHECK(got[1].score <= 1);
}

TEST_CASE("match_images gives a leftover image inside a card to that card", "[layout]")
{
  MatchInput in;
  in.products = {product("one", {40, 100, 300, 400})};
  in.kept.push_back(
      {1,
       612,
       792,
       {placement("front", 0, {45, 110, 165, 300}), placement("back", 1, {170, 110, 295, 300}),
        placement("elsewhere", 2, {400, 600, 560, 760})}});
  const std::vector<model::ImageMatch> got = match_images(in);
  REQUIRE(got.size() == 2);
  CHECK(got[0].image_id == "front");
  CHECK(got[1].image_id == "back");
  CHECK(got[1].product_id == "one");
}

TEST_CASE("match_images pairs every sample product with its true photo", "[layout][samples]")
{
  for (const char* name : {"grid-basic", "table-rows", "sections"}) {
    INFO(name);
    const test::SampleSheet sheet = test::read_sample(name);
    ai::ProductRequest request;
    request.pages = sheet.pages;
    request.kept = sheet.kept;
    MatchInput in;
    in.products = ai::heuristic::products(request, {});
    for (model::Product& p : in.products) {
      p.product_id = p.style_number;
    }
    in.kept = sheet.kept;
    std::map<std::string, std::string> sha_of_image; // image_id -> sha256
    for (const model::PageImages& p : sheet.kept) {
      for (const model::ImagePlacement& im : p.placements) {
        sha_of_image[im.image_id] = im.sha256;
      }
    }
    const std::vector<model::ImageMatch> got = match_images(in);
    std::map<std::string, int> matched;
    for (const model::ImageMatch& m : got) {
      // Style numbers with '/' name their photo with '-'.
      std::string file = m.product_id;
      std::replace(file.begin(), file.end(), '/', '-');
      INFO(m.product_id << " got " << m.image_id);
      CHECK(sha_of_image[m.image_id] ==
            util::sha256_file(test::testdata_dir() / name / "images" / (file + ".jpg")));
      ++matched[m.product_id];
    }
    CHECK(matched.size() == sheet.truth["products"].size());
  }
}
