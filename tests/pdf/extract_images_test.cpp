// tests/pdf/extract_images_test.cpp mirrors core/pdf/extract_images.cpp
#include "core/pdf/pdf_document.hpp"
#include "core/util/hash.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>

using namespace collproc;

namespace {

std::filesystem::path fixture(const std::string& name)
{
  return test::source_dir() / "tests/pdf/fixtures" / name;
}

void check_box(const model::BBox& got, double x0, double y0, double x1, double y1)
{
  INFO("bbox " << got.x0 << "," << got.y0 << "," << got.x1 << "," << got.y1);
  CHECK(got.x0 == Approx(x0).margin(0.5));
  CHECK(got.y0 == Approx(y0).margin(0.5));
  CHECK(got.x1 == Approx(x1).margin(0.5));
  CHECK(got.y1 == Approx(y1).margin(0.5));
}

cv::Mat decode(std::string_view bytes, int flags = cv::IMREAD_UNCHANGED)
{
  const std::vector<unsigned char> buf(bytes.begin(), bytes.end());
  return cv::imdecode(buf, flags);
}

} // namespace

TEST_CASE("extract_images places images where they are drawn, top-left origin", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("images.pdf"), "images.pdf");
  const pdf::PageImagesResult r = pdf::extract_images(doc, 1);
  CHECK(r.width == Approx(612));
  CHECK(r.height == Approx(792));
  REQUIRE(r.images.size() == 2);

  const model::ImagePlacement& jpeg = r.images[0].placement;
  check_box(jpeg.bbox, 100, 142, 300, 292); // user space x=100..300, y=500..650
  CHECK(jpeg.page == 1);
  CHECK(jpeg.index == 0);
  CHECK(jpeg.width == 64);
  CHECK(jpeg.height == 48);
  CHECK(jpeg.format == "jpg");
  CHECK(jpeg.xref > 0);
  CHECK(jpeg.image_id.empty());

  const model::ImagePlacement& png = r.images[1].placement;
  check_box(png.bbox, 300, 602, 420, 692); // user space x=300..420, y=100..190
  CHECK(png.index == 1);
  CHECK(png.width == 40);
  CHECK(png.height == 30);
  CHECK(png.format == "png");
  CHECK(png.xref > 0);
  CHECK(png.xref != jpeg.xref);
}

TEST_CASE("extract_images passes JPEG bytes through untouched", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("images.pdf"), "images.pdf");
  const pdf::PageImagesResult r = pdf::extract_images(doc, 1);
  REQUIRE(!r.images.empty());
  const std::string source = test::read_file(fixture("photo.jpg"));
  CHECK(r.images[0].bytes == source);
  CHECK(r.images[0].placement.sha256 == util::sha256_hex(source));
}

TEST_CASE("extract_images stores other images as lossless PNG", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("images.pdf"), "images.pdf");
  const pdf::PageImagesResult r = pdf::extract_images(doc, 1);
  REQUIRE(r.images.size() == 2);
  const std::string_view bytes = r.images[1].bytes.view();
  REQUIRE(bytes.size() > 8);
  CHECK(bytes.substr(1, 3) == "PNG");
  CHECK(r.images[1].placement.sha256 == util::sha256_hex(bytes));

  const cv::Mat got = decode(bytes, cv::IMREAD_COLOR);
  const cv::Mat want = cv::imread(fixture("pattern.png").string(), cv::IMREAD_COLOR);
  REQUIRE(!got.empty());
  REQUIRE(!want.empty());
  REQUIRE(got.size() == want.size());
  CHECK(cv::norm(got, want, cv::NORM_INF) == 0);
}

TEST_CASE("extract_images decodes an image once and returns its bytes once", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("images.pdf"), "images.pdf");
  const pdf::PageImagesResult p1 = pdf::extract_images(doc, 1);
  const pdf::PageImagesResult p2 = pdf::extract_images(doc, 2);
  REQUIRE(p1.images.size() == 2);
  REQUIRE(p2.images.size() == 1);
  const model::ImagePlacement& again = p2.images[0].placement;
  check_box(again.bbox, 50, 52, 110, 92); // user space x=50..110, y=700..740
  CHECK(again.page == 2);
  CHECK(again.index == 0);
  CHECK(again.sha256 == p1.images[0].placement.sha256);
  CHECK(again.xref == p1.images[0].placement.xref);
  CHECK(again.format == "jpg");
  CHECK(p2.images[0].bytes.empty());
  CHECK_FALSE(p1.images[0].bytes.empty());

  // A fresh Document returns the bytes again.
  pdf::Document other = pdf::Document::open(fixture("images.pdf"), "images.pdf");
  CHECK_FALSE(pdf::extract_images(other, 2).images.at(0).bytes.empty());
}

TEST_CASE("extract_images follows /Rotate and the crop box", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("images.pdf"), "images.pdf");

  SECTION("page rotated 90 degrees")
  {
    const pdf::PageImagesResult r = pdf::extract_images(doc, 3);
    CHECK(r.width == Approx(612));
    CHECK(r.height == Approx(792));
    REQUIRE(r.images.size() == 1);
    check_box(r.images[0].placement.bbox, 300, 100, 450, 300); // user x=100..300, y=300..450
  }
  SECTION("crop box not at the origin")
  {
    const pdf::PageImagesResult r = pdf::extract_images(doc, 4);
    CHECK(r.width == Approx(400));
    CHECK(r.height == Approx(300));
    REQUIRE(r.images.size() == 1);
    check_box(r.images[0].placement.bbox, 100, 150, 200, 200); // user x=150..250, y=160..210
  }
}

TEST_CASE("extract_images handles a MediaBox that does not start at 0,0", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("handmade.pdf"), "handmade.pdf");
  const pdf::PageImagesResult r = pdf::extract_images(doc, 1);
  CHECK(r.width == Approx(400));
  CHECK(r.height == Approx(300));
  REQUIRE(r.images.size() == 1);
  const pdf::ExtractedImage& img = r.images[0];
  check_box(img.placement.bbox, 50, 100, 250, 200);
  CHECK(img.placement.width == 4);
  CHECK(img.placement.height == 2);
  CHECK(img.placement.format == "png");

  // The raw 4x2 RGB samples come back exactly.
  const cv::Mat got = decode(img.bytes.view(), cv::IMREAD_COLOR);
  REQUIRE(got.rows == 2);
  REQUIRE(got.cols == 4);
  CHECK(got.at<cv::Vec3b>(0, 0) == cv::Vec3b(0, 0, 255));    // red, as BGR
  CHECK(got.at<cv::Vec3b>(0, 2) == cv::Vec3b(255, 0, 0));    // blue
  CHECK(got.at<cv::Vec3b>(1, 3) == cv::Vec3b(50, 100, 200)); // (200,100,50) RGB
}

TEST_CASE("extract_images skips stencil masks and absurd sizes", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("handmade.pdf"), "handmade.pdf");
  const pdf::PageImagesResult p1 = pdf::extract_images(doc, 1);
  const pdf::PageImagesResult p2 = pdf::extract_images(doc, 2);
  // Page 2 draws an inline stencil mask, a 20000x20000 image, object 5, and
  // object 9 (a byte-identical copy of object 5).
  REQUIRE(p2.images.size() == 2);
  const model::ImagePlacement& p = p2.images[0].placement;
  check_box(p.bbox, 10, 10, 20, 20);
  CHECK(p.index == 0);
  CHECK(p.xref == p1.images.at(0).placement.xref);
  CHECK(p2.images[0].bytes.empty());
}

TEST_CASE("extract_images returns the bytes of identical images once", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("handmade.pdf"), "handmade.pdf");
  const pdf::PageImagesResult r = pdf::extract_images(doc, 2);
  REQUIRE(r.images.size() == 2);
  const pdf::ExtractedImage& first = r.images[0];
  const pdf::ExtractedImage& copy = r.images[1];
  check_box(copy.placement.bbox, 30, 10, 40, 20);
  CHECK(copy.placement.index == 1);
  CHECK(copy.placement.xref != first.placement.xref);
  CHECK(copy.placement.sha256 == first.placement.sha256);
  CHECK_FALSE(first.bytes.empty());
  CHECK(copy.bytes.empty());
}

TEST_CASE("extract_images clips placements to the clip path and the page", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("images.pdf"), "images.pdf");
  const pdf::PageImagesResult r = pdf::extract_images(doc, 5);
  REQUIRE(r.images.size() == 2);
  check_box(r.images[0].placement.bbox, 100, 392, 200, 492); // clip x=100..200, y=300..400
  check_box(r.images[1].placement.bbox, 550, 592, 612, 692); // x=550..650 cut at the edge
}

TEST_CASE("extract_images keeps soft masks as alpha and finds inline images", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("images.pdf"), "images.pdf");
  const pdf::PageImagesResult r = pdf::extract_images(doc, 6);
  REQUIRE(r.images.size() == 2);

  const pdf::ExtractedImage& cutout = r.images[0];
  check_box(cutout.placement.bbox, 10, 682, 110, 782);
  CHECK(cutout.placement.format == "png");
  const cv::Mat rgba = decode(cutout.bytes.view());
  REQUIRE(rgba.channels() == 4);
  REQUIRE(rgba.rows == 20);
  CHECK(rgba.at<cv::Vec4b>(10, 10) == cv::Vec4b(0, 0, 255, 255)); // opaque red centre
  CHECK(rgba.at<cv::Vec4b>(0, 0)[3] == 0);                        // transparent border

  const pdf::ExtractedImage& inl = r.images[1];
  check_box(inl.placement.bbox, 200, 362, 240, 392);
  CHECK(inl.placement.xref == -1);
  CHECK(inl.placement.width == 40);
  CHECK(inl.placement.height == 30);
  const cv::Mat got = decode(inl.bytes.view(), cv::IMREAD_COLOR);
  const cv::Mat want = cv::imread(fixture("pattern.png").string(), cv::IMREAD_COLOR);
  REQUIRE(got.size() == want.size());
  CHECK(cv::norm(got, want, cv::NORM_INF) == 0);
}
