// tests/images/rules_test.cpp mirrors core/images/rules.cpp
#include "core/images/rules.hpp"
#include "tests/images/synthetic.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::images;
using namespace collproc::test;

namespace {

model::ImagePlacement placement_at(const model::BBox& bbox, int width = 600, int height = 800)
{
  model::ImagePlacement p;
  p.image_id = "x";
  p.bbox = bbox;
  p.width = width;
  p.height = height;
  return p;
}

ImageFeatures features_of_bytes(const std::string& bytes, const cv::Size& size)
{
  const std::optional<ImageFeatures> features = compute_features(bytes, size.width, size.height);
  REQUIRE(features);
  return *features;
}

const std::string k_photo_jpeg = encode(
    product_photo(600, 800, Garment::dress, cv::Scalar(90, 40, 30), Print::stripes, 1), ".jpg");

} // namespace

TEST_CASE("identity_groups joins placements sharing a sha256 or an xref", "[images]")
{
  Collection doc(2);
  const std::string a = encode(solid_image(80, 80, cv::Scalar(1, 2, 3)), ".png");
  doc.place(1, "aaa", a, {80, 80}, {0, 0, 50, 50}, 7);
  doc.place(1, "bbb", a, {80, 80}, {0, 0, 50, 50}, 8);
  doc.place(2, "ccc", a, {80, 80}, {0, 0, 50, 50}, 7);  // same xref as the first
  doc.place(2, "bbb", a, {80, 80}, {0, 0, 50, 50}, -1); // same sha as the second
  doc.place(2, "ddd", a, {80, 80}, {0, 0, 50, 50}, -1); // inline images never share by xref
  doc.place(2, "eee", a, {80, 80}, {0, 0, 50, 50}, -1);
  CHECK(identity_groups(doc.pages()) == std::vector<int>{0, 1, 0, 1, 2, 3});
}

TEST_CASE("repetition_reasons marks images on most pages as logos", "[images]")
{
  const std::string bytes = "x";
  SECTION("on every page of a 4-page document")
  {
    Collection doc(4);
    for (int page = 1; page <= 4; ++page) {
      doc.place(page, "logo", bytes, {400, 120}, {20, 20, 120, 50}, 12);
      doc.place(page, "photo" + std::to_string(page), bytes, {600, 800}, {100, 100, 300, 400});
    }
    const auto reasons = repetition_reasons(doc.pages());
    REQUIRE(reasons.size() == 8);
    for (size_t i = 0; i < 8; i += 2) {
      REQUIRE(reasons[i]);
      CHECK(*reasons[i] == "repeated on 4 of 4 pages (logo)");
      CHECK_FALSE(reasons[i + 1]);
    }
  }
  SECTION("on 3 pages of 10, or more than half of 2 or 3 pages")
  {
    Collection ten(10);
    for (int page : {2, 5, 9})
      ten.place(page, "seal", bytes, {200, 200}, {0, 0, 40, 40});
    CHECK(*repetition_reasons(ten.pages())[0] == "repeated on 3 of 10 pages (logo)");

    Collection two(2);
    two.place(1, "mark", bytes, {200, 200}, {0, 0, 40, 40});
    two.place(2, "mark", bytes, {200, 200}, {0, 0, 40, 40});
    CHECK(*repetition_reasons(two.pages())[0] == "repeated on 2 of 2 pages (logo)");
  }
  SECTION("not for a photo whose table row a page break cut, leaving a sliver on the next page")
  {
    Collection doc(3);
    doc.place(2, "row photo", bytes, {240, 300}, {38, 695, 82, 750});
    doc.place(3, "row photo", bytes, {240, 300}, {38, 50, 82, 51});
    CHECK_FALSE(repetition_reasons(doc.pages())[0]);
  }
  SECTION("not for a photo on two pages of six, nor twice on one page")
  {
    Collection doc(6);
    doc.place(1, "hero", bytes, {600, 800}, {50, 50, 550, 700});
    doc.place(4, "hero", bytes, {600, 800}, {50, 50, 200, 250});
    doc.place(5, "pair", bytes, {600, 800}, {50, 50, 200, 250});
    doc.place(5, "pair", bytes, {600, 800}, {250, 50, 400, 250});
    for (const auto& reason : repetition_reasons(doc.pages()))
      CHECK_FALSE(reason);
  }
  SECTION("counting pages the caller left out by their numbers")
  {
    std::vector<model::PageImages> pages(2);
    pages[0].page = 1;
    pages[1].page = 8; // pages 2-7 have no images
    model::ImagePlacement p = placement_at({0, 0, 50, 50});
    p.sha256 = "shared";
    pages[0].placements.push_back(p);
    pages[1].placements.push_back(p);
    CHECK(page_count(pages) == 8);
    CHECK_FALSE(repetition_reasons(pages)[0]);
  }
}

TEST_CASE("geometric_reason drops full-page and tiny placements", "[images]")
{
  const FilterOptions options;
  const double w = k_letter_width;
  const double h = k_letter_height;
  CHECK(geometric_reason(placement_at({0, 0, w, h}), w, h, options) == "full-page decoration");
  // Bleeding off the page still counts only its visible part.
  CHECK(geometric_reason(placement_at({-50, -50, w + 50, h + 50}), w, h, options) ==
        "full-page decoration");
  CHECK_FALSE(geometric_reason(placement_at({0, 0, w, h * 0.6}), w, h, options));
  CHECK(geometric_reason(placement_at({10, 10, 200, 200}, 24, 24), w, h, options) ==
        "tiny (24x24 px)");
  CHECK(geometric_reason(placement_at({10, 10, 25, 300}), w, h, options) == "tiny (15x290 pt)");
  CHECK_FALSE(geometric_reason(placement_at({10, 10, 30, 30}), w, h, options));
  CHECK_FALSE(geometric_reason(placement_at({72, 72, 272, 338}), w, h, options));

  FilterOptions strict;
  strict.min_pixels = 700;
  CHECK(geometric_reason(placement_at({72, 72, 272, 338}), w, h, strict) == "tiny (600x800 px)");
  // Unknown page size: no full-page verdict, the size rules still apply.
  CHECK_FALSE(geometric_reason(placement_at({0, 0, w, h}), 0, 0, options));
}

TEST_CASE("content_reason tells swatches, backgrounds and badges from photos", "[images]")
{
  const FilterOptions options;
  const double w = k_letter_width;
  const double h = k_letter_height;
  const ImageFeatures photo = features_of_bytes(k_photo_jpeg, {600, 800});
  const ImageFeatures swatch =
      features_of_bytes(encode(solid_image(80, 80, cv::Scalar(60, 90, 170)), ".png"), {80, 80});
  const ImageFeatures grey = features_of_bytes(
      encode(solid_image(900, 1200, cv::Scalar(200, 200, 200)), ".jpg"), {900, 1200});
  const ImageFeatures badge = features_of_bytes(encode(badge_image(), ".png"), {160, 80});

  CHECK_FALSE(content_reason(placement_at({72, 72, 272, 338}), w, h, photo, options));
  // A photo at thumbnail size in a table layout is still a photo.
  CHECK_FALSE(content_reason(placement_at({72, 72, 132, 152}), w, h, photo, options));
  CHECK(content_reason(placement_at({300, 400, 320, 420}, 80, 80), w, h, swatch, options) ==
        "colour swatch");
  CHECK(content_reason(placement_at({300, 400, 340, 440}, 80, 80), w, h, swatch, options) ==
        "colour swatch");
  CHECK(content_reason(placement_at({72, 72, 372, 472}, 900, 1200), w, h, grey, options) ==
        "near-uniform background");
  // The same flat colour placed large is a background, not a swatch.
  CHECK(content_reason(placement_at({72, 72, 372, 472}, 80, 80), w, h, swatch, options) ==
        "near-uniform background");
  // 80x40 pt is above min_area_ratio: the colours decide.
  CHECK(content_reason(placement_at({400, 100, 480, 140}, 160, 80), w, h, badge, options) ==
        "icon or badge (0.7% of page)");
  CHECK_FALSE(content_reason(placement_at({400, 100, 460, 155}), w, h, photo, options));
  // Any placement below min_area_ratio is an icon, photo or not.
  CHECK(content_reason(placement_at({400, 100, 430, 130}), w, h, photo, options) ==
        "icon or badge (0.2% of page)");
  // A badge placed as large as a photo is not judged by its colours.
  CHECK_FALSE(content_reason(placement_at({72, 72, 272, 172}, 160, 80), w, h, badge, options));
}
