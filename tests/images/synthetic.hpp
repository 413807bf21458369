#pragma once
// Test images drawn with OpenCV: photo-like garment shots (studio backdrop,
// shaded garment silhouette, optional print, sensor noise), logos, badges and
// swatches, plus helpers to encode them and lay them out on letter pages.
// Every image is a pure function of its arguments (seeded noise).

#include "core/model/types.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <map>
#include <string>
#include <vector>

namespace collproc::test {

enum class Garment { dress, tee, trousers, skirt, jacket };
enum class Print { plain, stripes, dots };

constexpr double k_letter_width = 612;
constexpr double k_letter_height = 792;

// Silhouette corners in units of the image size.
inline std::vector<cv::Point2d> garment_outline(Garment garment)
{
  switch (garment) {
  case Garment::dress:
    return {{0.40, 0.12}, {0.60, 0.12}, {0.64, 0.22}, {0.58, 0.42},
            {0.76, 0.90}, {0.24, 0.90}, {0.42, 0.42}, {0.36, 0.22}};
  case Garment::tee:
    return {{0.35, 0.18}, {0.65, 0.18}, {0.85, 0.30}, {0.78, 0.42}, {0.68, 0.36},
            {0.68, 0.80}, {0.32, 0.80}, {0.32, 0.36}, {0.22, 0.42}, {0.15, 0.30}};
  case Garment::trousers:
    return {{0.33, 0.10}, {0.67, 0.10}, {0.72, 0.92}, {0.56, 0.92},
            {0.50, 0.40}, {0.44, 0.92}, {0.28, 0.92}};
  case Garment::skirt:
    return {{0.36, 0.25}, {0.64, 0.25}, {0.80, 0.78}, {0.20, 0.78}};
  case Garment::jacket:
    return {{0.30, 0.12}, {0.70, 0.12}, {0.82, 0.30}, {0.84, 0.88}, {0.70, 0.88}, {0.68, 0.45},
            {0.66, 0.86}, {0.34, 0.86}, {0.32, 0.45}, {0.30, 0.88}, {0.16, 0.88}, {0.18, 0.30}};
  }
  return {};
}

// A product shot: light studio backdrop with a soft gradient and a floor
// shadow, the garment in `colour` (BGR) with vertical shading and a print,
// a few seams, and Gaussian noise seeded by `seed`.
inline cv::Mat product_photo(int width, int height, Garment garment, cv::Scalar colour, Print print,
                             uint64_t seed)
{
  cv::Mat image(height, width, CV_8UC3);
  for (int y = 0; y < height; ++y) {
    const double t = static_cast<double>(y) / height;
    image.row(y).setTo(cv::Scalar(246 - 22 * t, 244 - 20 * t, 240 - 18 * t));
  }
  cv::ellipse(image, cv::Point(width / 2, static_cast<int>(height * 0.93)),
              cv::Size(width / 3, height / 40), 0, 0, 360, cv::Scalar(200, 198, 195), cv::FILLED,
              cv::LINE_AA);

  std::vector<cv::Point> outline;
  for (const cv::Point2d& p : garment_outline(garment))
    outline.emplace_back(cvRound(p.x * width), cvRound(p.y * height));
  cv::Mat mask = cv::Mat::zeros(height, width, CV_8UC1);
  cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{outline}, cv::Scalar(255), cv::LINE_AA);

  cv::Mat cloth(height, width, CV_8UC3, colour);
  if (print == Print::stripes)
    for (int y = 0; y < height; y += std::max(4, height / 24))
      cv::rectangle(cloth, cv::Rect(0, y, width, std::max(2, height / 48)),
                    cv::Scalar(235, 235, 235), cv::FILLED);
  if (print == Print::dots)
    for (int y = height / 40; y < height; y += std::max(6, height / 16))
      for (int x = (y / std::max(6, height / 16)) % 2 * width / 32; x < width;
           x += std::max(6, width / 12))
        cv::circle(cloth, cv::Point(x, y), std::max(2, width / 60), cv::Scalar(240, 240, 240),
                   cv::FILLED, cv::LINE_AA);
  // Folds: the light falls from the top left.
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const double shade = 0.75 + 0.35 * (1.0 - static_cast<double>(y) / height) +
                           0.08 * std::sin(x * 12.0 / width + y * 3.0 / height);
      cv::Vec3b& c = cloth.at<cv::Vec3b>(y, x);
      for (int k = 0; k < 3; ++k)
        c[k] = cv::saturate_cast<uchar>(c[k] * shade);
    }
  cloth.copyTo(image, mask);
  cv::polylines(image, std::vector<std::vector<cv::Point>>{outline}, true, colour * 0.5,
                std::max(1, width / 200), cv::LINE_AA);
  cv::line(image, cv::Point(width / 2, height / 5), cv::Point(width / 2, height * 2 / 3),
           colour * 0.6, std::max(1, width / 300), cv::LINE_AA);

  cv::Mat noise(height, width, CV_16SC3);
  cv::RNG rng(seed);
  rng.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(6));
  cv::Mat noisy;
  image.convertTo(noisy, CV_16SC3);
  noisy += noise;
  noisy.convertTo(image, CV_8UC3);
  return image;
}

// A wordmark: dark text on white, as most linesheet headers carry.
inline cv::Mat logo_image()
{
  cv::Mat image(120, 400, CV_8UC3, cv::Scalar(255, 255, 255));
  cv::putText(image, "MAISON", cv::Point(20, 85), cv::FONT_HERSHEY_TRIPLEX, 2.2,
              cv::Scalar(30, 30, 30), 3, cv::LINE_AA);
  return image;
}

// A "NEW" badge: a red pill with white text.
inline cv::Mat badge_image(int width = 160, int height = 80)
{
  cv::Mat image(height, width, CV_8UC3, cv::Scalar(255, 255, 255));
  cv::rectangle(image, cv::Rect(0, 0, width, height), cv::Scalar(40, 40, 210), cv::FILLED);
  cv::putText(image, "NEW", cv::Point(width / 8, height * 3 / 4), cv::FONT_HERSHEY_DUPLEX,
              height / 34.0, cv::Scalar(255, 255, 255), std::max(2, height / 20), cv::LINE_AA);
  return image;
}

inline cv::Mat solid_image(int width, int height, cv::Scalar colour)
{
  return cv::Mat(height, width, CV_8UC3, colour);
}

inline std::string encode(const cv::Mat& image, const std::string& ext, int jpeg_quality = 90)
{
  std::vector<uchar> buffer;
  std::vector<int> params;
  if (ext == ".jpg")
    params = {cv::IMWRITE_JPEG_QUALITY, jpeg_quality};
  cv::imencode(ext, image, buffer, params);
  return std::string(buffer.begin(), buffer.end());
}

inline cv::Mat resized(const cv::Mat& image, double scale)
{
  cv::Mat out;
  cv::resize(image, out, cv::Size(), scale, scale, cv::INTER_AREA);
  return out;
}

// Builds pages of placements over an in-memory blob store; the sha256 of a
// blob is stood in for by its name, which is all the filter compares.
class Collection {
public:
  explicit Collection(int page_count)
  {
    for (int p = 1; p <= page_count; ++p)
      m_pages.push_back({p, k_letter_width, k_letter_height, {}});
  }

  // Stores `bytes` as blob `name` (once) and places it on `page`.
  std::string place(int page, const std::string& name, const std::string& bytes,
                    const cv::Size& pixels, const model::BBox& bbox, int xref = -1)
  {
    m_blobs.emplace(name, bytes);
    model::PageImages& target = m_pages.at(static_cast<size_t>(page - 1));
    model::ImagePlacement placement;
    placement.index = static_cast<int>(target.placements.size());
    placement.page = page;
    placement.image_id = "p" + std::to_string(page) + "-" + std::to_string(placement.index);
    placement.bbox = bbox;
    placement.width = pixels.width;
    placement.height = pixels.height;
    placement.sha256 = name;
    placement.format = bytes.size() > 1 && bytes[1] == 'P' ? "png" : "jpg";
    placement.xref = xref;
    target.placements.push_back(placement);
    return placement.image_id;
  }

  std::string place(int page, const std::string& name, const cv::Mat& image, const std::string& ext,
                    const model::BBox& bbox, int xref = -1)
  {
    return place(page, name, encode(image, ext), image.size(), bbox, xref);
  }

  const std::vector<model::PageImages>& pages() const { return m_pages; }
  std::string blob(const std::string& name) const { return m_blobs.at(name); }

private:
  std::vector<model::PageImages> m_pages;
  std::map<std::string, std::string> m_blobs;
};

} // namespace collproc::test
