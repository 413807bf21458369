#pragma once
// The two formats of the blob store, in memory: JPEG through libjpeg(-turbo)
// and PNG through libpng, into and out of OpenCV matrices.
//
// OpenCV's imgcodecs does the same through the same two libraries, but on
// Debian it links about 90 more shared libraries (GDAL, GDCM, OpenEXR, HEIF,
// ...) that every collproc process then loads and relocates at start: 100 ms
// of each command's 140 ms start-up before this module replaced it.
//
// Nothing here prints: libjpeg's and libpng's warnings (corrupt data,
// premature end) are dropped, and their errors make the call return empty.

#include <opencv2/core.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace collproc::codec {

// A JPEG starts with an SOI marker followed by another marker.
bool looks_like_jpeg(std::string_view bytes);
// A PNG starts with its 8-byte signature.
bool looks_like_png(std::string_view bytes);

// Decodes a JPEG into 8-bit BGR, shrunk by `reduction` (1, 2, 4 or 8; other
// values are taken as 1) inside libjpeg's inverse DCT, so the dropped detail
// is never computed. Grey images come out as BGR; CMYK and YCCK are taken as
// Adobe's inverted CMYK (what Photoshop writes and PDFs embed). A truncated
// stream decodes with its missing rows grey, as viewers show it. Empty when
// the data is not a JPEG libjpeg can read, or when the decoded image would
// have more than max_pixels pixels.
cv::Mat decode_jpeg(std::string_view bytes, int reduction, std::int64_t max_pixels);

// Decodes a PNG into 8-bit BGR, or BGRA when it has transparency (an alpha
// channel or a tRNS chunk), through libpng's simplified reader: palettes are
// expanded, and 16-bit samples become 8-bit sRGB (without a gAMA chunk libpng
// takes them as linear light; the store's own PNGs are all 8-bit). Empty when it cannot be read or
// has more than max_pixels pixels.
cv::Mat decode_png(std::string_view bytes, std::int64_t max_pixels);

// Encodes an 8-bit image with 1 (grey), 3 (BGR) or 4 (BGRA) channels as PNG,
// tuned for speed as OpenCV's default is (Sub filter, zlib level 1, RLE);
// nullopt for any other matrix or when libpng fails.
std::optional<std::string> encode_png(const cv::Mat& image);

} // namespace collproc::codec
