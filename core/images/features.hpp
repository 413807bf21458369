#pragma once
// Pixel features of one stored image, computed once per distinct sha256 on a
// cheap reduced decode: colour spread, palette size and a perceptual hash.
// Pure functions; the rules that read them live in rules.hpp.

#include <opencv2/core.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace collproc::images {

// Side of ImageFeatures::thumbnail.
constexpr int k_thumb_side = 16;

// Longest side of the working copy the statistics are computed on.
constexpr int k_working_side = 256;

// What the rules need to know about an image's pixels. Statistics are taken on
// a working copy whose longer side is at most k_working_side pixels, so a
// reduced and a full decode of the same image give nearly the same values.
struct ImageFeatures {
  int decoded_width = 0, decoded_height = 0; // of the decode, before the working resize
  std::array<double, 3> mean_bgr{};          // 0..255 per channel
  double luma_stddev = 0;                    // standard deviation of luminance, 0..255
  double colour_stddev = 0;                  // the largest per-channel standard deviation
  double top2_share = 0; // share of pixels in the two most common colours (16 levels a channel)
  int palette90 = 0;     // how many such colours it takes to cover 90% of the pixels
  uint64_t phash = 0;    // OpenCV img_hash PHash, 64 bits
  // The image shrunk to k_thumb_side x k_thumb_side, BGR, row by row: colour
  // and print in place, which the grey pHash does not see.
  std::array<uint8_t, 3 * k_thumb_side * k_thumb_side> thumbnail{};
};

// The libjpeg DCT scale (1, 2, 4 or 8) to decode a JPEG of this pixel size
// with, the largest that keeps its short side at least min_short_side pixels.
// Unknown sizes (<= 0) give 1.
int jpeg_reduction(int width, int height, int min_short_side = 64);

// Decodes `bytes` (JPEG, at the reduction jpeg_reduction() picks for the
// declared pixel size, or PNG and anything else OpenCV reads, in full; alpha is
// composited over white as the page shows it) and computes its features.
// Returns nullopt when the bytes cannot be decoded; never throws for that.
std::optional<ImageFeatures> compute_features(std::string_view bytes, int width, int height);

// The features of an already decoded 8-bit BGR, BGRA or grey image. Throws
// cv::Exception only for an empty or non-8-bit matrix.
ImageFeatures features_of(const cv::Mat& image);

// Number of differing bits between two perceptual hashes (0..64).
int hamming_distance(uint64_t a, uint64_t b);

// Mean absolute difference of two thumbnails, 0..255.
double thumbnail_distance(const ImageFeatures& a, const ImageFeatures& b);

} // namespace collproc::images
