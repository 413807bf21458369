#include "core/codec/codec.hpp"

// jpeglib.h needs size_t and FILE declared first.
#include <cstddef>
#include <cstdio>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstring>
#include <new>
#include <vector>

// Both C libraries report errors by calling a function that must not return;
// ours longjmp back to a setjmp. The functions that call setjmp below hold
// no automatic object with a destructor and read no local after the jump, so
// the jump skips no C++ clean-up; the objects that own the libraries' state
// live in their callers.

namespace collproc::codec {

namespace {

// --- JPEG --------------------------------------------------------------------

struct JpegError {
  jpeg_error_mgr mgr{};
  std::jmp_buf jump{};
};

[[noreturn]] void jpeg_fail(j_common_ptr info)
{
  std::longjmp(reinterpret_cast<JpegError*>(info->err)->jump, 1);
}

void jpeg_silent(j_common_ptr /*info*/) {}

struct Decompressor {
  jpeg_decompress_struct info{};
  JpegError error;
  bool created = false;

  Decompressor()
  {
    info.err = jpeg_std_error(&error.mgr);
    error.mgr.error_exit = jpeg_fail;
    error.mgr.output_message = jpeg_silent;
  }
  ~Decompressor()
  {
    if (created) {
      jpeg_destroy_decompress(&info);
    }
  }
  Decompressor(const Decompressor&) = delete;
  Decompressor& operator=(const Decompressor&) = delete;
};

// Reads the header and settles the output: BGR (or CMYK, converted by the
// caller) at 1/reduction scale. False when libjpeg gave up.
bool jpeg_start(Decompressor& d, const unsigned char* data, std::size_t size, int reduction)
{
  if (setjmp(d.error.jump) != 0) {
    return false;
  }
  jpeg_create_decompress(&d.info);
  d.created = true;
  jpeg_mem_src(&d.info, data, static_cast<unsigned long>(size));
  jpeg_read_header(&d.info, TRUE);
  const bool four = d.info.jpeg_color_space == JCS_CMYK || d.info.jpeg_color_space == JCS_YCCK;
  d.info.out_color_space = four ? JCS_CMYK : JCS_EXT_BGR;
  d.info.scale_num = 1;
  d.info.scale_denom = static_cast<unsigned int>(reduction);
  jpeg_calc_output_dimensions(&d.info);
  return true;
}

// Decodes every row into out (rows `stride` bytes apart); CMYK rows go
// through `cmyk` (width * 4 bytes) and are converted to BGR.
bool jpeg_rows(Decompressor& d, unsigned char* out, std::size_t stride, unsigned char* cmyk)
{
  if (setjmp(d.error.jump) != 0) {
    return false;
  }
  jpeg_start_decompress(&d.info);
  while (d.info.output_scanline < d.info.output_height) {
    unsigned char* bgr = out + stride * d.info.output_scanline;
    JSAMPROW row = cmyk != nullptr ? cmyk : bgr;
    if (jpeg_read_scanlines(&d.info, &row, 1) != 1) {
      return false;
    }
    if (cmyk != nullptr) {
      // Adobe's inverted CMYK: a stored 255 is no ink, so each channel is
      // (255 - ink) * (255 - black) / 255 = C' * K' / 255.
      for (JDIMENSION x = 0; x < d.info.output_width; ++x) {
        const unsigned c = cmyk[4 * x], m = cmyk[4 * x + 1], y = cmyk[4 * x + 2];
        const unsigned k = cmyk[4 * x + 3];
        bgr[3 * x] = static_cast<unsigned char>((y * k + 127) / 255);
        bgr[3 * x + 1] = static_cast<unsigned char>((m * k + 127) / 255);
        bgr[3 * x + 2] = static_cast<unsigned char>((c * k + 127) / 255);
      }
    }
  }
  jpeg_finish_decompress(&d.info);
  return true;
}

// --- PNG ---------------------------------------------------------------------

struct PngWriter {
  png_structp png = nullptr;
  png_infop info = nullptr;
  std::string out;

  ~PngWriter()
  {
    if (png != nullptr) {
      png_destroy_write_struct(&png, info != nullptr ? &info : nullptr);
    }
  }
};

[[noreturn]] void png_fail(png_structp png, png_const_charp /*message*/)
{
  png_longjmp(png, 1);
}

void png_silent(png_structp /*png*/, png_const_charp /*message*/) {}

void png_append(png_structp png, png_bytep data, std::size_t length)
{
  auto* writer = static_cast<PngWriter*>(png_get_io_ptr(png));
  try {
    writer->out.append(reinterpret_cast<const char*>(data), length);
  } catch (const std::bad_alloc&) {
    png_error(png, "out of memory");
  }
}

void png_flush(png_structp /*png*/) {}

bool png_write(PngWriter& w, const cv::Mat& image, int color_type)
{
  if (setjmp(png_jmpbuf(w.png)) != 0) {
    return false;
  }
  png_set_write_fn(w.png, &w, png_append, png_flush);
  png_set_IHDR(w.png, w.info, static_cast<png_uint_32>(image.cols),
               static_cast<png_uint_32>(image.rows), 8, color_type, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_filter(w.png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_compression_level(w.png, Z_BEST_SPEED);
  png_set_compression_strategy(w.png, Z_RLE);
  png_write_info(w.png, w.info);
  if (image.channels() >= 3) {
    png_set_bgr(w.png);
  }
  for (int y = 0; y < image.rows; ++y) {
    png_write_row(w.png, image.ptr<unsigned char>(y));
  }
  png_write_end(w.png, w.info);
  return true;
}

} // namespace

bool looks_like_jpeg(std::string_view bytes)
{
  return bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
         static_cast<unsigned char>(bytes[1]) == 0xD8 &&
         static_cast<unsigned char>(bytes[2]) == 0xFF;
}

bool looks_like_png(std::string_view bytes)
{
  static constexpr unsigned char k_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  return bytes.size() >= sizeof k_signature &&
         std::memcmp(bytes.data(), k_signature, sizeof k_signature) == 0;
}

cv::Mat decode_jpeg(std::string_view bytes, int reduction, std::int64_t max_pixels)
{
  if (bytes.empty()) {
    return {};
  }
  if (reduction != 2 && reduction != 4 && reduction != 8) {
    reduction = 1;
  }
  Decompressor d;
  if (!jpeg_start(d, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                  reduction)) {
    return {};
  }
  const auto width = static_cast<std::int64_t>(d.info.output_width);
  const auto height = static_cast<std::int64_t>(d.info.output_height);
  if (width <= 0 || height <= 0 || width * height > max_pixels) {
    return {};
  }
  cv::Mat image(static_cast<int>(height), static_cast<int>(width), CV_8UC3);
  std::vector<unsigned char> cmyk;
  if (d.info.out_color_space == JCS_CMYK) {
    cmyk.resize(static_cast<std::size_t>(width) * 4);
  }
  if (!jpeg_rows(d, image.data, image.step[0], cmyk.empty() ? nullptr : cmyk.data())) {
    return {};
  }
  return image;
}

cv::Mat decode_png(std::string_view bytes, std::int64_t max_pixels)
{
  if (!looks_like_png(bytes)) {
    return {};
  }
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()) == 0) {
    return {}; // libpng has freed what it allocated
  }
  const std::int64_t pixels = static_cast<std::int64_t>(image.width) * image.height;
  if (image.width == 0 || image.height == 0 || pixels > max_pixels) {
    png_image_free(&image);
    return {};
  }
  const bool alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  image.format = alpha ? PNG_FORMAT_BGRA : PNG_FORMAT_BGR;
  cv::Mat out(static_cast<int>(image.height), static_cast<int>(image.width),
              alpha ? CV_8UC4 : CV_8UC3);
  if (png_image_finish_read(&image, nullptr, out.data, static_cast<png_int_32>(out.step[0]),
                            nullptr) == 0) {
    return {};
  }
  return out;
}

std::optional<std::string> encode_png(const cv::Mat& image)
{
  if (image.empty() || image.depth() != CV_8U || image.dims != 2) {
    return std::nullopt;
  }
  int color_type = 0;
  switch (image.channels()) {
  case 1:
    color_type = PNG_COLOR_TYPE_GRAY;
    break;
  case 3:
    color_type = PNG_COLOR_TYPE_RGB;
    break;
  case 4:
    color_type = PNG_COLOR_TYPE_RGB_ALPHA;
    break;
  default:
    return std::nullopt;
  }
  PngWriter w;
  w.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, png_fail, png_silent);
  if (w.png == nullptr) {
    return std::nullopt;
  }
  w.info = png_create_info_struct(w.png);
  if (w.info == nullptr || !png_write(w, image, color_type)) {
    return std::nullopt;
  }
  return std::move(w.out);
}

} // namespace collproc::codec
