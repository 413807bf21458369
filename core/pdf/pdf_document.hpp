#pragma once
// Reading linesheet and PO PDFs with Poppler's core API (PDFDoc + OutputDev;
// headers from libpoppler-private-dev). poppler-cpp cannot say where an image
// is placed, so this module drives its own OutputDev.
//
// A Document is not thread-safe (PDFDoc is not): use one per thread.

#include "core/model/types.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace collproc::pdf {

// Opens a PDF. Throws collproc::Error(ExitCode::bad_input) whose message starts
// with display_name and says what is wrong ("empty file, not a PDF", "not a PDF
// file", "damaged PDF (<Poppler's first complaint>)", "encrypted and needs a
// password", "has no pages", "cannot be read (...)") and whose hint says what
// to do. Files encrypted with an empty user password open normally. Poppler's
// own diagnostics never reach stderr.
class Document {
public:
  static Document open(const std::filesystem::path& path, const std::string& display_name);
  ~Document();
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;

  int page_count() const;
  // The page's crop box in points, after its /Rotate; 0 for a page Poppler
  // cannot read. Pages are 1-based; throws std::out_of_range outside
  // 1..page_count() (as extract_images and extract_text do).
  double page_width(int page) const;
  double page_height(int page) const;
  const std::string& display_name() const;
  // The file is read through a memory mapping; this drops the pages read so
  // far from the process's resident memory (the kernel keeps them cached).
  // Call it between pages so memory stays flat in the file's size.
  void forget_read_pages();

  // Defined in core/pdf/poppler_support.hpp, for core/pdf's own sources.
  struct Impl;
  Impl& impl() { return *m_impl; }

private:
  explicit Document(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// An image's stored bytes: either held here, or (an embedded JPEG) a view of
// the Document's mapping of the file, valid while the Document lives.
class ImageBytes {
public:
  ImageBytes() = default;
  explicit ImageBytes(std::string owned) : m_owned(std::move(owned)) {}
  static ImageBytes view_of(std::string_view mapped)
  {
    ImageBytes bytes;
    bytes.m_mapped = mapped;
    bytes.m_is_view = true;
    return bytes;
  }
  std::string_view view() const { return m_is_view ? m_mapped : std::string_view(m_owned); }
  bool empty() const { return view().empty(); }
  bool operator==(std::string_view other) const { return view() == other; }

private:
  std::string m_owned;
  std::string_view m_mapped;
  bool m_is_view = false;
};

// One image placement and, the first time this Document meets the image, its
// stored bytes: a JPEG (DCT) stream exactly as embedded (its soft mask, if any,
// is not applied), anything else decoded through its colour space and
// re-encoded losslessly as PNG (RGB, or RGBA when it has a soft mask). An image
// object is decoded and hashed once per Document. `bytes` is empty when a blob
// with the same sha256 was already returned by an earlier call on this
// Document (the same PDF object drawn again, or identical bytes);
// placement.sha256 is always set. placement.image_id is left empty (the caller
// derives it).
struct ExtractedImage {
  model::ImagePlacement placement;
  ImageBytes bytes;
};

struct PageImagesResult {
  double width = 0, height = 0;
  std::vector<ExtractedImage> images; // in drawing order
};

// Every image drawn on the page (1-based), including inline images, images in
// Form XObjects, and masked images; bboxes are in points, origin at the crop
// box's top-left as displayed (after /Rotate), y down, clipped to the clip
// path and the page. Left out: placements with nothing visible, stencil masks
// (1-bit shapes painted in one colour: icons, scanned line art), images over
// util::limits().max_image_pixels (--max-image-pixels), images that cannot be decoded, and anything
// drawn in annotations, tiling patterns or Type 3 glyphs. Damaged content yields what can be read;
// an unreadable page yields no images and width = height = 0.
PageImagesResult extract_images(Document& doc, int page);

// Every word on the page (1-based) with its box (same frame as
// extract_images), font size and weight (bold from the font descriptor or a
// name containing Bold/Black/Heavy), grouped by Poppler's layout analysis into
// lines and blocks in reading order; text in annotations is not read.
model::TextPage extract_text(Document& doc, int page);

} // namespace collproc::pdf
