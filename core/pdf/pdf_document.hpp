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
#include <vector>

namespace collproc::pdf {

// Opens a PDF. Throws collproc::Error(ExitCode::bad_input) whose message starts
// with display_name and says what is wrong ("not a PDF file", "damaged: ...",
// "encrypted and needs a password") when Poppler cannot read it.
class Document {
public:
  static Document open(const std::filesystem::path& path, const std::string& display_name);
  ~Document();
  Document(Document&&) noexcept;
  Document& operator=(Document&&) noexcept;

  int page_count() const;
  // The page's crop box in points, after its /Rotate.
  double page_width(int page) const;
  double page_height(int page) const;
  const std::string& display_name() const;

  struct Impl;
  Impl& impl() { return *m_impl; }

private:
  explicit Document(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// One image placement and, the first time this Document meets the image, its
// stored bytes: a JPEG (DCT) stream exactly as embedded, anything else
// decoded and re-encoded losslessly as PNG. `bytes` is empty when the same
// image (same PDF object) was already returned by an earlier call on this
// Document; placement.sha256 is always set. placement.image_id is left empty
// (the caller derives it).
struct ExtractedImage {
  model::ImagePlacement placement;
  std::string bytes;
};

struct PageImagesResult {
  double width = 0, height = 0;
  std::vector<ExtractedImage> images; // in drawing order
};

// Every image drawn on the page (1-based), including inline images, images in
// Form XObjects, and masked images; bboxes are in points, top-left origin,
// after the page rotation, clipped to the page.
PageImagesResult extract_images(Document& doc, int page);

// Every word on the page with its box and font size, grouped into lines and
// blocks in reading order.
model::TextPage extract_text(Document& doc, int page);

} // namespace collproc::pdf
