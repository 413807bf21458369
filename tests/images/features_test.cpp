// tests/images/features_test.cpp mirrors core/images/features.cpp
#include "core/images/features.hpp"
#include "core/images/rules.hpp"
#include "tests/images/synthetic.hpp"

#include <catch2/catch.hpp>

using namespace collproc::images;
using namespace collproc::test;

namespace {

struct Shot {
  const char* name;
  cv::Mat image;
};

// Distinct products a linesheet would show side by side: same backdrop, same
// framing, several of them the same cut in close colours.
std::vector<Shot> distinct_shots()
{
  return {
      {"navy dress",
       product_photo(600, 800, Garment::dress, cv::Scalar(90, 40, 30), Print::plain, 1)},
      {"black dress",
       product_photo(600, 800, Garment::dress, cv::Scalar(30, 30, 30), Print::plain, 2)},
      {"navy striped dress",
       product_photo(600, 800, Garment::dress, cv::Scalar(90, 40, 30), Print::stripes, 3)},
      {"navy dotted dress",
       product_photo(600, 800, Garment::dress, cv::Scalar(90, 40, 30), Print::dots, 4)},
      {"navy skirt",
       product_photo(600, 800, Garment::skirt, cv::Scalar(90, 40, 30), Print::plain, 5)},
      {"red tee", product_photo(600, 800, Garment::tee, cv::Scalar(40, 40, 190), Print::plain, 6)},
      {"green tee",
       product_photo(600, 800, Garment::tee, cv::Scalar(60, 140, 50), Print::plain, 7)},
      {"khaki trousers",
       product_photo(600, 800, Garment::trousers, cv::Scalar(110, 160, 180), Print::plain, 8)},
      {"black trousers",
       product_photo(600, 800, Garment::trousers, cv::Scalar(30, 30, 30), Print::plain, 9)},
      {"camel jacket",
       product_photo(600, 800, Garment::jacket, cv::Scalar(80, 140, 190), Print::plain, 10)},
      {"grey jacket",
       product_photo(600, 800, Garment::jacket, cv::Scalar(120, 120, 120), Print::stripes, 11)},
  };
}

ImageFeatures features_of_jpeg(const cv::Mat& image, int quality = 90)
{
  const std::optional<ImageFeatures> features =
      compute_features(encode(image, ".jpg", quality), image.cols, image.rows);
  REQUIRE(features);
  return *features;
}

} // namespace

TEST_CASE("jpeg_reduction keeps the short side at 64 pixels or more", "[images]")
{
  CHECK(jpeg_reduction(1200, 1600) == 8);
  CHECK(jpeg_reduction(512, 800) == 8);
  CHECK(jpeg_reduction(400, 300) == 4);
  CHECK(jpeg_reduction(200, 200) == 2);
  CHECK(jpeg_reduction(100, 3000) == 1);
  CHECK(jpeg_reduction(0, 0) == 1);
}

TEST_CASE("compute_features decodes a JPEG reduced, close to the full decode", "[images]")
{
  const cv::Mat photo =
      product_photo(1024, 1368, Garment::dress, cv::Scalar(90, 40, 30), Print::stripes, 21);
  const std::string jpeg = encode(photo, ".jpg", 90);

  const std::optional<ImageFeatures> reduced = compute_features(jpeg, photo.cols, photo.rows);
  const std::optional<ImageFeatures> full =
      compute_features(jpeg, 0, 0); // unknown size: full decode
  REQUIRE(reduced);
  REQUIRE(full);
  CHECK(reduced->decoded_width == 128);
  CHECK(reduced->decoded_height == 171);
  CHECK(full->decoded_width == 1024);
  CHECK(full->decoded_height == 1368);

  CHECK(reduced->luma_stddev == Approx(full->luma_stddev).margin(2.0));
  CHECK(reduced->colour_stddev == Approx(full->colour_stddev).margin(2.0));
  for (size_t c = 0; c < 3; ++c)
    CHECK(reduced->mean_bgr[c] == Approx(full->mean_bgr[c]).margin(1.5));
  CHECK(hamming_distance(reduced->phash, full->phash) <= 4);
  CHECK(near_duplicates(*reduced, *full));
}

TEST_CASE("compute_features returns nothing for bytes that are not an image", "[images]")
{
  CHECK_FALSE(compute_features("", 100, 100));
  CHECK_FALSE(compute_features("this is not an image at all", 100, 100));
  std::string fake_png = "\x89PNG\r\n\x1a\n";
  fake_png += std::string(200, 'x');
  CHECK_FALSE(compute_features(fake_png, 100, 100));
  std::string fake_jpeg = "\xFF\xD8\xFF\xE0";
  fake_jpeg += std::string(50, '\0');
  CHECK_FALSE(compute_features(fake_jpeg, 640, 480));
}

TEST_CASE("compute_features shows PNG transparency over white", "[images]")
{
  cv::Mat clear(100, 100, CV_8UC4, cv::Scalar(0, 0, 0, 0));
  cv::rectangle(clear, cv::Rect(40, 40, 20, 20), cv::Scalar(0, 0, 0, 255), cv::FILLED);
  const std::optional<ImageFeatures> features = compute_features(encode(clear, ".png"), 100, 100);
  REQUIRE(features);
  // 96% white and 4% black: transparent black would have averaged near 0.
  CHECK(features->mean_bgr[0] == Approx(0.96 * 255).margin(2.0));
  CHECK(features->top2_share == Approx(1.0));
}

TEST_CASE("features tell flat artwork from photos", "[images]")
{
  const ImageFeatures photo = features_of_jpeg(
      product_photo(600, 800, Garment::tee, cv::Scalar(60, 140, 50), Print::plain, 3));
  const ImageFeatures grey = features_of_jpeg(solid_image(800, 600, cv::Scalar(128, 128, 128)));
  const std::optional<ImageFeatures> badge =
      compute_features(encode(badge_image(), ".png"), 160, 80);
  REQUIRE(badge);

  CHECK(photo.luma_stddev > 20);
  CHECK(photo.palette90 > 6);
  CHECK(photo.top2_share < 0.65);
  CHECK(grey.colour_stddev < 1.0);
  CHECK(grey.palette90 == 1);
  CHECK(badge->top2_share > 0.85);
  CHECK(badge->palette90 <= 4);
}

TEST_CASE("near_duplicates matches re-encoded and resized copies of a photo", "[images]")
{
  for (const Shot& shot : distinct_shots()) {
    INFO(shot.name);
    const ImageFeatures original = features_of_jpeg(shot.image, 92);
    const ImageFeatures low_quality = features_of_jpeg(shot.image, 45);
    const ImageFeatures smaller = features_of_jpeg(resized(shot.image, 0.6), 80);
    const std::optional<ImageFeatures> as_png =
        compute_features(encode(resized(shot.image, 0.3), ".png"), 180, 240);
    REQUIRE(as_png);
    CHECK(near_duplicates(original, low_quality));
    CHECK(near_duplicates(original, smaller));
    CHECK(near_duplicates(original, *as_png));
  }
}

TEST_CASE("near_duplicates keeps distinct garments on the same backdrop apart", "[images]")
{
  const std::vector<Shot> shots = distinct_shots();
  std::vector<ImageFeatures> features;
  for (const Shot& shot : shots)
    features.push_back(features_of_jpeg(shot.image));
  for (size_t a = 0; a < shots.size(); ++a)
    for (size_t b = a + 1; b < shots.size(); ++b) {
      INFO(shots[a].name << " vs " << shots[b].name << ": "
                         << hamming_distance(features[a].phash, features[b].phash) << " bits");
      CHECK_FALSE(near_duplicates(features[a], features[b]));
    }
}
