// extract_images: an OutputDev that records every image placement of a page,
// with the image's stored bytes the first time the Document meets it.

#include "core/pdf/pdf_document.hpp"
#include "core/util/limits.hpp"

#include "core/codec/codec.hpp"
#include "core/pdf/poppler_support.hpp"
#include "core/util/hash.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

namespace collproc::pdf {

namespace {

// Images over util::limits().max_image_pixels (--max-image-pixels) are
// skipped: no linesheet photo needs more, and decoding one would allocate
// without bound (hostile files declare 20000x20000 and more).
std::int64_t max_pixels()
{
  return util::limits().max_image_pixels;
}
// An embedded JPEG larger than this is treated as unreadable rather than
// buffered (a filtered stream can inflate far beyond the file's size).
constexpr std::size_t k_max_jpeg_bytes = 256u * 1024 * 1024;

struct Encoded {
  ImageBytes bytes;
  std::string format;
};

// The JPEG exactly as embedded: the data below the DCT filter. When that data
// lies in the file unfiltered and unencrypted (the usual case) it is a view of
// the Document's mapping of the file; otherwise it is read through Poppler.
// nullopt when it does not look like a JPEG or is too large, so the caller can
// decode instead.
std::optional<ImageBytes> raw_jpeg(Stream* str)
{
  Stream* raw = str->getNextStream();
  if (raw == nullptr) {
    return std::nullopt;
  }
  if (auto* mapped = dynamic_cast<MappedStream*>(raw)) {
    const std::string_view bytes = mapped->bytes();
    if (bytes.size() > k_max_jpeg_bytes || !codec::looks_like_jpeg(bytes)) {
      return std::nullopt;
    }
    return ImageBytes::view_of(bytes);
  }
  raw->reset();
  std::string bytes;
  unsigned char buf[65536];
  for (;;) {
    const int n = raw->doGetChars(static_cast<int>(sizeof buf), buf);
    if (n <= 0) {
      break;
    }
    bytes.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
    if (bytes.size() > k_max_jpeg_bytes) {
      raw->close();
      return std::nullopt;
    }
  }
  raw->close();
  if (!codec::looks_like_jpeg(bytes)) {
    return std::nullopt;
  }
  return ImageBytes(std::move(bytes));
}

// Decodes the image through its colour map into 8-bit BGR, as OpenCV wants.
// Truncated data decodes padded, as viewers show it.
cv::Mat decode_bgr(Stream* str, int width, int height, GfxImageColorMap* color_map)
{
  cv::Mat rgb(height, width, CV_8UC3);
  ImageStream image(str, width, color_map->getNumPixelComps(), color_map->getBits());
  image.reset();
  for (int y = 0; y < height; ++y) {
    unsigned char* line = image.getLine();
    if (line == nullptr) {
      rgb.rowRange(y, height).setTo(cv::Scalar(255, 255, 255));
      break;
    }
    unsigned char* row = rgb.ptr<unsigned char>(y);
    color_map->getRGBLine(line, row, width);
    // Swapped row by row: a second full-size buffer could be 300 MB.
    for (int x = 0; x < width; ++x) {
      std::swap(row[3 * x], row[3 * x + 2]);
    }
  }
  image.close();
  return rgb;
}

// Reads past the data of an inline image that is not recorded, so the content
// stream parser resumes after it; stops early at the end of the data.
void skip_inline_data(Stream* str, int width, int height, int components, int bits)
{
  const std::int64_t row = (static_cast<std::int64_t>(width) * components * bits + 7) / 8;
  std::int64_t left = row * height;
  str->reset();
  unsigned char buf[4096];
  while (left > 0) {
    const int want = static_cast<int>(std::min<std::int64_t>(left, sizeof buf));
    const int got = str->doGetChars(want, buf);
    if (got <= 0) {
      break;
    }
    left -= got;
  }
  str->close();
}

// The soft mask as 8-bit alpha at the image's size; empty when unusable.
cv::Mat decode_alpha(Stream* mask_str, int mask_width, int mask_height, GfxImageColorMap* mask_map,
                     int width, int height)
{
  if (mask_str == nullptr || mask_map == nullptr || mask_width <= 0 || mask_height <= 0 ||
      static_cast<std::int64_t>(mask_width) * mask_height > max_pixels()) {
    return {};
  }
  cv::Mat alpha(mask_height, mask_width, CV_8UC1);
  ImageStream image(mask_str, mask_width, mask_map->getNumPixelComps(), mask_map->getBits());
  image.reset();
  for (int y = 0; y < mask_height; ++y) {
    unsigned char* line = image.getLine();
    if (line == nullptr) {
      alpha.rowRange(y, mask_height).setTo(cv::Scalar(255));
      break;
    }
    mask_map->getGrayLine(line, alpha.ptr<unsigned char>(y), mask_width);
  }
  image.close();
  if (mask_width != width || mask_height != height) {
    cv::Mat resized;
    cv::resize(alpha, resized, cv::Size(width, height), 0, 0, cv::INTER_LINEAR);
    return resized;
  }
  return alpha;
}

struct SoftMask {
  Stream* str = nullptr;
  int width = 0, height = 0;
  GfxImageColorMap* color_map = nullptr;
};

class ImageCollector final : public OutputDev {
public:
  ImageCollector(Document::Impl& impl, int page, PageImagesResult& result)
      : m_impl(impl), m_page(page), m_result(result)
  {
  }

  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }

  // Tiling patterns and shadings hold no photos; drawing them cell by cell
  // can take very long on hostile files, so they are declared done.
  bool useTilingPatternFill() override { return true; }
  bool tilingPatternFill(GfxState*, Gfx*, Catalog*, GfxTilingPattern*, const double*, int, int, int,
                         int, double, double) override
  {
    return true;
  }
  bool useShadedFills(int) override { return true; }
  bool functionShadedFill(GfxState*, GfxFunctionShading*) override { return true; }
  bool axialShadedFill(GfxState*, GfxAxialShading*, double, double) override { return true; }
  bool radialShadedFill(GfxState*, GfxRadialShading*, double, double) override { return true; }
  bool gouraudTriangleShadedFill(GfxState*, GfxGouraudTriangleShading*) override { return true; }
  bool patchMeshShadedFill(GfxState*, GfxPatchMeshShading*) override { return true; }

  // Stencil masks paint the fill colour through a 1-bit shape (icons, glyphs):
  // not photos, so they are not recorded; inline data is read past.
  void drawImageMask(GfxState*, Object*, Stream* str, int width, int height, bool, bool,
                     bool inline_img) override
  {
    if (inline_img) {
      skip_inline_data(str, width, height, 1, 1);
    }
  }

  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* color_map, bool /*interpolate*/, const int* /*mask_colors*/,
                 bool inline_img) override
  {
    if (!record(state, ref, str, width, height, color_map, inline_img, {})) {
      if (inline_img && color_map != nullptr) {
        skip_inline_data(str, width, height, color_map->getNumPixelComps(), color_map->getBits());
      }
    }
  }

  void drawMaskedImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                       GfxImageColorMap* color_map, bool /*interpolate*/, Stream* /*mask_str*/,
                       int /*mask_width*/, int /*mask_height*/, bool /*mask_invert*/,
                       bool /*mask_interpolate*/) override
  {
    // A stencil /Mask only hides parts of the image; the photo is stored whole.
    record(state, ref, str, width, height, color_map, false, {});
  }

  void drawSoftMaskedImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                           GfxImageColorMap* color_map, bool /*interpolate*/, Stream* mask_str,
                           int mask_width, int mask_height, GfxImageColorMap* mask_color_map,
                           bool /*mask_interpolate*/) override
  {
    record(state, ref, str, width, height, color_map, false,
           SoftMask{mask_str, mask_width, mask_height, mask_color_map});
  }

private:
  // Records one placement; false when it was skipped without reading the
  // stream (off the page, absurd size), so inline data can still be skipped.
  bool record(GfxState* state, Object* ref, Stream* str, int width, int height,
              GfxImageColorMap* color_map, bool inline_img, const SoftMask& mask)
  {
    if (width <= 0 || height <= 0 || static_cast<std::int64_t>(width) * height > max_pixels()) {
      return false;
    }
    const std::optional<model::BBox> bbox = placement_box(state);
    if (!bbox) {
      return false;
    }

    model::ImagePlacement placement;
    placement.page = m_page;
    placement.bbox = *bbox;
    placement.width = width;
    placement.height = height;

    std::optional<Encoded> fresh;
    const bool has_ref = ref != nullptr && ref->isRef();
    if (has_ref) {
      const Ref r = ref->getRef();
      placement.xref = r.num;
      const auto key = std::make_pair(r.num, r.gen);
      auto it = m_impl.images_by_ref.find(key);
      if (it == m_impl.images_by_ref.end()) {
        fresh = encode(str, width, height, color_map, inline_img, mask);
        CachedImage cached;
        if (fresh) {
          cached.sha256 = util::sha256_hex(fresh->bytes.view());
          cached.format = fresh->format;
          cached.usable = true;
        }
        it = m_impl.images_by_ref.emplace(key, std::move(cached)).first;
      }
      if (!it->second.usable) {
        return true;
      }
      placement.sha256 = it->second.sha256;
      placement.format = it->second.format;
    } else {
      fresh = encode(str, width, height, color_map, inline_img, mask);
      if (!fresh) {
        return true;
      }
      placement.sha256 = util::sha256_hex(fresh->bytes.view());
      placement.format = fresh->format;
    }

    ExtractedImage out;
    // Bytes travel once per distinct blob: another object with identical
    // bytes, or an inline image repeated, needs no second copy either.
    if (fresh && m_impl.returned_sha256.insert(placement.sha256).second) {
      out.bytes = std::move(fresh->bytes);
    }
    placement.index = static_cast<int>(m_result.images.size());
    out.placement = std::move(placement);
    m_result.images.push_back(std::move(out));
    return true;
  }

  // The unit square through the CTM, clipped to the current clip region and
  // the page; nullopt when nothing of it is visible.
  std::optional<model::BBox> placement_box(GfxState* state) const
  {
    const double* m = state->getCTM();
    double xs[4], ys[4];
    const double corners[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    for (int i = 0; i < 4; ++i) {
      xs[i] = m[0] * corners[i][0] + m[2] * corners[i][1] + m[4];
      ys[i] = m[1] * corners[i][0] + m[3] * corners[i][1] + m[5];
    }
    model::BBox box{*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4),
                    *std::max_element(xs, xs + 4), *std::max_element(ys, ys + 4)};
    double cx0 = 0, cy0 = 0, cx1 = 0, cy1 = 0;
    state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
    const model::BBox page{0, 0, state->getPageWidth(), state->getPageHeight()};
    box = box.intersected(model::BBox{cx0, cy0, cx1, cy1}).intersected(page);
    if (box.area() <= 0) {
      return std::nullopt;
    }
    return box;
  }

  // The stored form of the image: JPEG passed through, anything else PNG.
  // nullopt when it cannot be decoded or encoded.
  std::optional<Encoded> encode(Stream* str, int width, int height, GfxImageColorMap* color_map,
                                bool inline_img, const SoftMask& mask) const
  {
    // Inline JPEG data has no length of its own to read up to: decode it.
    if (str->getKind() == strDCT && !inline_img) {
      if (std::optional<ImageBytes> jpeg = raw_jpeg(str)) {
        return Encoded{std::move(*jpeg), "jpg"};
      }
    }
    if (color_map == nullptr || !color_map->isOk()) {
      return std::nullopt;
    }
    try {
      cv::Mat pixels = decode_bgr(str, width, height, color_map);
      const cv::Mat alpha =
          decode_alpha(mask.str, mask.width, mask.height, mask.color_map, width, height);
      if (!alpha.empty()) {
        cv::Mat bgra;
        cv::cvtColor(pixels, bgra, cv::COLOR_BGR2BGRA);
        cv::insertChannel(alpha, bgra, 3);
        pixels = bgra;
      }
      std::optional<std::string> png = codec::encode_png(pixels);
      if (!png) {
        return std::nullopt;
      }
      return Encoded{ImageBytes(std::move(*png)), "png"};
    } catch (const cv::Exception&) {
      return std::nullopt;
    }
  }

  Document::Impl& m_impl;
  int m_page;
  PageImagesResult& m_result;
};

} // namespace

PageImagesResult extract_images(Document& doc, int page)
{
  ensure_poppler_ready();
  Document::Impl& impl = doc.impl();
  PageImagesResult result;
  if (checked_page(impl, page) == nullptr) {
    return result;
  }
  result.width = doc.page_width(page);
  result.height = doc.page_height(page);
  PopplerMessages quiet; // diagnostics about damaged content are not the caller's business here
  ImageCollector collector(impl, page, result);
  display_page(impl, collector, page);
  return result;
}

} // namespace collproc::pdf
