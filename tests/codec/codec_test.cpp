// tests/codec/codec_test.cpp mirrors core/codec/codec.cpp. OpenCV's imgcodecs,
// linked by the tests only, is the independent reader and writer we compare to.
#include "core/codec/codec.hpp"
#include "tests/images/synthetic.hpp"

#include <cstdio>

#include <jpeglib.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace collproc;
using namespace collproc::test;

namespace {

constexpr std::int64_t k_no_limit = std::int64_t{1} << 40;

cv::Mat cv_decode(const std::string& bytes, int flags)
{
  const std::vector<unsigned char> buf(bytes.begin(), bytes.end());
  return cv::imdecode(buf, flags);
}

bool same(const cv::Mat& a, const cv::Mat& b)
{
  return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

// A CMYK JPEG as Photoshop writes it (Adobe marker, inverted samples: 255 is
// no ink), every pixel the given ink amounts.
std::string cmyk_jpeg(int width, int height, unsigned char c, unsigned char m, unsigned char y,
                      unsigned char k)
{
  jpeg_compress_struct info{};
  jpeg_error_mgr err{};
  info.err = jpeg_std_error(&err);
  jpeg_create_compress(&info);
  unsigned char* out = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &out, &size);
  info.image_width = static_cast<JDIMENSION>(width);
  info.image_height = static_cast<JDIMENSION>(height);
  info.input_components = 4;
  info.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, 95, TRUE);
  jpeg_start_compress(&info, TRUE);
  std::vector<unsigned char> row(static_cast<std::size_t>(width) * 4);
  for (int x = 0; x < width; ++x) {
    row[4 * x] = static_cast<unsigned char>(255 - c);
    row[4 * x + 1] = static_cast<unsigned char>(255 - m);
    row[4 * x + 2] = static_cast<unsigned char>(255 - y);
    row[4 * x + 3] = static_cast<unsigned char>(255 - k);
  }
  while (info.next_scanline < info.image_height) {
    JSAMPROW p = row.data();
    jpeg_write_scanlines(&info, &p, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::string bytes(reinterpret_cast<const char*>(out), size);
  std::free(out);
  return bytes;
}

cv::Vec3b centre(const cv::Mat& image)
{
  return image.at<cv::Vec3b>(image.rows / 2, image.cols / 2);
}

} // namespace

TEST_CASE("decode_jpeg gives OpenCV's pixels at every reduction")
{
  const cv::Mat photo =
      product_photo(803, 1001, Garment::dress, cv::Scalar(90, 40, 30), Print::stripes, 7);
  const std::string jpeg = encode(photo, ".jpg");
  const std::pair<int, int> cases[] = {{1, cv::IMREAD_COLOR},
                                       {2, cv::IMREAD_REDUCED_COLOR_2},
                                       {4, cv::IMREAD_REDUCED_COLOR_4},
                                       {8, cv::IMREAD_REDUCED_COLOR_8}};
  for (const auto& [reduction, flags] : cases) {
    INFO("reduction " << reduction);
    const cv::Mat ours = codec::decode_jpeg(jpeg, reduction, k_no_limit);
    CHECK(ours.cols == (803 + reduction - 1) / reduction);
    CHECK(ours.rows == (1001 + reduction - 1) / reduction);
    CHECK(same(ours, cv_decode(jpeg, flags)));
  }
  // Anything but 2, 4 or 8 is full size.
  CHECK(codec::decode_jpeg(jpeg, 3, k_no_limit).cols == 803);
}

TEST_CASE("decode_jpeg turns grey into BGR")
{
  cv::Mat grey;
  cv::cvtColor(product_photo(200, 240, Garment::tee, cv::Scalar(40, 120, 200), Print::dots, 3),
               grey, cv::COLOR_BGR2GRAY);
  const std::string jpeg = encode(grey, ".jpg");
  const cv::Mat ours = codec::decode_jpeg(jpeg, 1, k_no_limit);
  REQUIRE(ours.type() == CV_8UC3);
  CHECK(same(ours, cv_decode(jpeg, cv::IMREAD_COLOR)));
}

TEST_CASE("decode_jpeg reads Adobe CMYK as inverted ink")
{
  SECTION("red ink: magenta and yellow")
  {
    const cv::Vec3b red =
        centre(codec::decode_jpeg(cmyk_jpeg(32, 24, 0, 255, 255, 0), 1, k_no_limit));
    CHECK(red[2] >= 250);
    CHECK(red[1] <= 5);
    CHECK(red[0] <= 5);
  }
  SECTION("no ink is white, full black is black")
  {
    const cv::Mat white = codec::decode_jpeg(cmyk_jpeg(16, 16, 0, 0, 0, 0), 2, k_no_limit);
    REQUIRE(white.size() == cv::Size(8, 8));
    CHECK(centre(white)[0] >= 250);
    const cv::Vec3b black =
        centre(codec::decode_jpeg(cmyk_jpeg(16, 16, 0, 0, 0, 255), 1, k_no_limit));
    CHECK(black[0] <= 5);
    CHECK(black[2] <= 5);
  }
}

TEST_CASE("decode_jpeg on damaged and oversized data")
{
  const std::string jpeg = encode(
      product_photo(300, 400, Garment::skirt, cv::Scalar(30, 30, 160), Print::plain, 2), ".jpg");
  SECTION("a truncated stream keeps its size, the missing rows grey")
  {
    const cv::Mat half = codec::decode_jpeg(jpeg.substr(0, jpeg.size() / 2), 1, k_no_limit);
    REQUIRE(half.size() == cv::Size(300, 400));
    const cv::Vec3b last = half.at<cv::Vec3b>(399, 150);
    CHECK(last[0] == last[1]);
    CHECK(last[1] == last[2]);
  }
  SECTION("not a JPEG")
  {
    CHECK(codec::decode_jpeg("", 1, k_no_limit).empty());
    CHECK(codec::decode_jpeg(std::string("\xFF\xD8\xFF garbage", 11), 1, k_no_limit).empty());
    CHECK(codec::decode_jpeg(jpeg.substr(0, 40), 1, k_no_limit).empty());
  }
  SECTION("the pixel limit counts the reduced size")
  {
    CHECK(codec::decode_jpeg(jpeg, 1, 300 * 400 - 1).empty());
    CHECK_FALSE(codec::decode_jpeg(jpeg, 2, 150 * 200).empty());
  }
}

TEST_CASE("encode_png round-trips grey, BGR and BGRA, and OpenCV reads it")
{
  const cv::Mat bgr =
      product_photo(120, 90, Garment::jacket, cv::Scalar(20, 140, 60), Print::dots, 9);
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  cv::Mat bgra;
  cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
  for (int y = 0; y < bgra.rows; ++y) {
    for (int x = 0; x < bgra.cols; ++x) {
      bgra.at<cv::Vec4b>(y, x)[3] = static_cast<unsigned char>((x * 255) / (bgra.cols - 1));
    }
  }

  for (const cv::Mat& image : {bgr, bgra}) {
    INFO("channels " << image.channels());
    const std::optional<std::string> png = codec::encode_png(image);
    REQUIRE(png);
    CHECK(codec::looks_like_png(*png));
    CHECK(same(codec::decode_png(*png, k_no_limit), image));
    CHECK(same(cv_decode(*png, cv::IMREAD_UNCHANGED), image));
  }
  const std::optional<std::string> png = codec::encode_png(grey);
  REQUIRE(png);
  CHECK(same(cv_decode(*png, cv::IMREAD_UNCHANGED), grey));
  cv::Mat grey_bgr;
  cv::cvtColor(grey, grey_bgr, cv::COLOR_GRAY2BGR);
  CHECK(same(codec::decode_png(*png, k_no_limit), grey_bgr));
  // A view into a larger matrix (rows not contiguous) encodes the view.
  const cv::Mat view = bgr(cv::Rect(10, 5, 50, 40));
  const std::optional<std::string> cropped = codec::encode_png(view);
  REQUIRE(cropped);
  CHECK(same(codec::decode_png(*cropped, k_no_limit), view.clone()));
}

TEST_CASE("decode_png reduces 16-bit samples to 8 and refuses what it cannot read")
{
  cv::Mat deep(20, 30, CV_16UC3, cv::Scalar(257 * 10, 257 * 128, 257 * 250));
  const std::string png = encode(deep, ".png");
  const cv::Mat ours = codec::decode_png(png, k_no_limit);
  REQUIRE(ours.type() == CV_8UC3);
  // libpng takes 16-bit samples without a gAMA chunk as linear light and
  // re-encodes them as sRGB: the order of the channels survives, and the
  // top of the range.
  const cv::Vec3b c = centre(ours);
  CHECK(c[0] < c[1]);
  CHECK(c[1] < c[2]);
  CHECK(c[2] >= 250);

  CHECK(codec::decode_png(png, 20 * 30 - 1).empty());
  CHECK(codec::decode_png(png.substr(0, png.size() / 2), k_no_limit).empty());
  CHECK(codec::decode_png("not a png", k_no_limit).empty());
  CHECK_FALSE(codec::encode_png(cv::Mat()));
  CHECK_FALSE(codec::encode_png(cv::Mat(4, 4, CV_32FC3)));
  CHECK_FALSE(codec::encode_png(cv::Mat(4, 4, CV_8UC2)));
}
