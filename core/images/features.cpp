#include "core/images/features.hpp"

#include "core/codec/codec.hpp"
#include "core/util/limits.hpp"

#include <opencv2/img_hash.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <functional>
#include <vector>

namespace collproc::images {

namespace {

// Colours are counted at 16 levels a channel: coarse enough that JPEG noise on
// a flat fill stays in one bin, fine enough that shading spreads a photo over
// many bins.
constexpr int k_level_shift = 4;
constexpr int k_bins = 1 << (3 * (8 - k_level_shift));
// PHash looks at a 32x32 grey thumbnail; making it ourselves with area
// averaging (PHash would use linear sampling) keeps the hash stable across
// decode scales and re-encodings.
constexpr int k_phash_side = 32;

// Any 8/16-bit, 1-4 channel image as 8-bit BGR, transparency over white.
cv::Mat to_bgr8(const cv::Mat& image)
{
  cv::Mat eight;
  if (image.depth() == CV_8U)
    eight = image;
  else if (image.depth() == CV_16U)
    image.convertTo(eight, CV_8U, 1.0 / 257.0);
  else
    image.convertTo(eight, CV_8U);

  cv::Mat bgr;
  switch (eight.channels()) {
  case 1:
    cv::cvtColor(eight, bgr, cv::COLOR_GRAY2BGR);
    return bgr;
  case 3:
    return eight;
  case 2:
  case 4: {
    std::vector<cv::Mat> planes;
    cv::split(eight, planes);
    cv::Mat alpha = planes.back();
    planes.pop_back();
    if (planes.size() == 1)
      planes = {planes[0], planes[0], planes[0]};
    cv::Mat colour;
    cv::merge(planes, colour);
    // out = colour * a + white * (1 - a), the way the page shows it.
    cv::Mat a3;
    cv::Mat alpha_f;
    alpha.convertTo(alpha_f, CV_32F, 1.0 / 255.0);
    cv::merge(std::vector<cv::Mat>{alpha_f, alpha_f, alpha_f}, a3);
    cv::Mat colour_f;
    colour.convertTo(colour_f, CV_32F);
    cv::Mat out_f = colour_f.mul(a3) + (cv::Scalar::all(1.0) - a3) * 255.0;
    out_f.convertTo(bgr, CV_8U);
    return bgr;
  }
  default:
    CV_Error(cv::Error::StsBadArg, "unsupported channel count");
  }
}

uint64_t pack_hash(const cv::Mat& hash)
{
  uint64_t packed = 0;
  for (int i = 0; i < static_cast<int>(hash.total()) && i < 8; ++i)
    packed = (packed << 8) | hash.at<uint8_t>(0, i);
  return packed;
}

} // namespace

int jpeg_reduction(int width, int height, int min_short_side)
{
  if (width <= 0 || height <= 0)
    return 1;
  const int short_side = std::min(width, height);
  for (int scale : {8, 4, 2})
    if (short_side / scale >= min_short_side)
      return scale;
  return 1;
}

std::optional<ImageFeatures> compute_features(std::string_view bytes, int width, int height)
{
  if (bytes.empty())
    return std::nullopt;
  const std::int64_t max_pixels = util::limits().max_image_pixels;
  try {
    // JPEGs decode at reduced scale in libjpeg's DCT; PNGs keep their alpha
    // so it can be composited over white.
    const cv::Mat decoded =
        codec::looks_like_jpeg(bytes)
            ? codec::decode_jpeg(bytes, jpeg_reduction(width, height), max_pixels)
            : codec::decode_png(bytes, max_pixels);
    if (decoded.empty())
      return std::nullopt;
    return features_of(decoded);
  } catch (const cv::Exception&) {
    // A corrupt blob is an expected outcome: the caller drops the image.
    return std::nullopt;
  }
}

ImageFeatures features_of(const cv::Mat& image)
{
  CV_Assert(!image.empty());
  ImageFeatures features;
  features.decoded_width = image.cols;
  features.decoded_height = image.rows;

  cv::Mat bgr = to_bgr8(image);
  const int longer = std::max(bgr.cols, bgr.rows);
  if (longer > k_working_side) {
    const double scale = static_cast<double>(k_working_side) / longer;
    cv::Mat small;
    cv::resize(
        bgr, small,
        cv::Size(std::max(1, cvRound(bgr.cols * scale)), std::max(1, cvRound(bgr.rows * scale))), 0,
        0, cv::INTER_AREA);
    bgr = small;
  }

  cv::Scalar mean;
  cv::Scalar stddev;
  cv::meanStdDev(bgr, mean, stddev);
  for (int c = 0; c < 3; ++c)
    features.mean_bgr[static_cast<size_t>(c)] = mean[c];
  features.colour_stddev = std::max({stddev[0], stddev[1], stddev[2]});

  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  cv::Scalar grey_mean;
  cv::Scalar grey_stddev;
  cv::meanStdDev(grey, grey_mean, grey_stddev);
  features.luma_stddev = grey_stddev[0];

  std::vector<int> counts(k_bins, 0);
  for (int y = 0; y < bgr.rows; ++y) {
    const auto* row = bgr.ptr<cv::Vec3b>(y);
    for (int x = 0; x < bgr.cols; ++x) {
      const int bin = ((row[x][0] >> k_level_shift) << 8) | ((row[x][1] >> k_level_shift) << 4) |
                      (row[x][2] >> k_level_shift);
      ++counts[static_cast<size_t>(bin)];
    }
  }
  std::sort(counts.begin(), counts.end(), std::greater<>());
  const double total = static_cast<double>(bgr.total());
  features.top2_share = (counts[0] + counts[1]) / total;
  double covered = 0;
  for (int count : counts) {
    covered += count;
    ++features.palette90;
    if (covered >= 0.9 * total)
      break;
  }

  cv::Mat colour_thumb;
  cv::resize(bgr, colour_thumb, cv::Size(k_thumb_side, k_thumb_side), 0, 0, cv::INTER_AREA);
  std::copy(colour_thumb.datastart, colour_thumb.dataend, features.thumbnail.begin());

  cv::Mat thumb;
  cv::resize(grey, thumb, cv::Size(k_phash_side, k_phash_side), 0, 0, cv::INTER_AREA);
  cv::Mat hash;
  cv::img_hash::PHash::create()->compute(thumb, hash);
  features.phash = pack_hash(hash);
  return features;
}

int hamming_distance(uint64_t a, uint64_t b)
{
  return std::popcount(a ^ b);
}

double thumbnail_distance(const ImageFeatures& a, const ImageFeatures& b)
{
  double sum = 0;
  for (size_t i = 0; i < a.thumbnail.size(); ++i)
    sum += std::abs(static_cast<int>(a.thumbnail[i]) - static_cast<int>(b.thumbnail[i]));
  return sum / static_cast<double>(a.thumbnail.size());
}

} // namespace collproc::images
