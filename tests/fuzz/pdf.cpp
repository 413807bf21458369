// Fuzz target: the PDF reading path of extract-images, extract-text and a PDF
// purchase order (pdf::Document::open, pdf::extract_images and
// pdf::extract_text on the first pages, po::table_from_pdf_pages). A bad
// file must end in collproc::Error; anything else escaping is a finding, as
// are pages whose lines, blocks or placements break model/types.hpp.

#include "core/model/order.hpp"
#include "core/pdf/pdf_document.hpp"
#include "core/po/pdf_table.hpp"
#include "core/util/error.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

using namespace collproc;

namespace {

// Pages past these are not read: a few pages reach every code path, and a
// hostile page count must not turn one input into minutes.
constexpr int k_max_pages = 4;

void check_text(const model::TextPage& text)
{
  for (const model::Line& line : text.lines) {
    for (const int w : line.words) {
      if (w < 0 || static_cast<size_t>(w) >= text.words.size()) {
        std::abort();
      }
    }
  }
  for (const model::Block& block : text.blocks) {
    for (const int l : block.lines) {
      if (l < 0 || static_cast<size_t>(l) >= text.lines.size()) {
        std::abort();
      }
    }
  }
}

void check_images(const pdf::PageImagesResult& images)
{
  for (const pdf::ExtractedImage& image : images.images) {
    const model::ImagePlacement& p = image.placement;
    if (p.sha256.size() != 64 || (p.format != "jpg" && p.format != "png") || p.width <= 0 ||
        p.height <= 0) {
      std::abort();
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  static fuzz::FuzzFile file(".pdf");
  const std::filesystem::path& path = file.write(fuzz::as_text(data, size));
  try {
    pdf::Document doc = pdf::Document::open(path, "fuzz.pdf");
    std::vector<model::TextPage> pages;
    for (int page = 1; page <= std::min(doc.page_count(), k_max_pages); ++page) {
      const pdf::PageImagesResult images = pdf::extract_images(doc, page);
      check_images(images);
      model::TextPage text = pdf::extract_text(doc, page);
      check_text(text);
      fuzz::dump_as_phase_does(text);
      pages.push_back(std::move(text));
    }
    try {
      fuzz::dump_as_phase_does(po::table_from_pdf_pages(pages, "fuzz.pdf"));
    } catch (const Error&) {
      // no header row: most PDFs are not purchase orders
    }
  } catch (const Error&) {
    // not a PDF, damaged beyond repair, encrypted, no pages: a clean refusal
  }
  return 0;
}
