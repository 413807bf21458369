// Fuzz target: an image blob as filter-images reads it (images::compute_features,
// which decodes through core/codec: libjpeg at each DCT reduction, libpng),
// then a re-encode as extract-images stores non-JPEG images. The JPEG bytes of
// a hostile PDF reach this decoder untouched, in the tool's own process.

#include "core/codec/codec.hpp"
#include "core/images/features.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace collproc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The declared size picks the reduction: 64x64 decodes whole, larger less.
  for (const int side : {64, 160, 400, 1000}) {
    (void)images::compute_features(bytes, side, side);
  }
  const cv::Mat png = codec::decode_png(bytes, 1 << 22);
  if (!png.empty()) {
    (void)codec::encode_png(png);
  }
  return 0;
}
