// Phase 1: every image placed on every linesheet page, with its bbox and
// pixel size; each distinct image stored once in the blob store (JPEG bytes
// untouched). Checkpoints per page: a rerun resumes at the first page that
// has no output row. Pages are read in worker processes (pdf::PageWorkers)
// and committed in order on this thread.

#include "core/pdf/page_workers.hpp"
#include "core/pdf/pdf_document.hpp"
#include "core/phases/catalog.hpp"
#include "core/phases/ids.hpp"
#include "core/phases/names.hpp"
#include "core/phases/page_phase.hpp"
#include "core/phases/phases.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace collproc::phases {

namespace {

// Reads one page's placements and stores the images it meets first. Runs in
// a worker process: touches only its own Document and the blob store (whose
// put() is safe from several processes: temp file, fsync, rename).
PageOutput extract_page(pdf::Document& pdf, int page, const std::string& doc_sha256,
                        state::BlobStore& blobs)
{
  pdf::PageImagesResult result = pdf::extract_images(pdf, page);
  model::PageImages out{page, result.width, result.height, {}};
  out.placements.reserve(result.images.size());
  for (auto& image : result.images) {
    if (!image.bytes.empty()) {
      blobs.put(image.placement.sha256, image.bytes.view());
    }
    image.placement.page = page;
    image.placement.image_id = image_id(doc_sha256, page, image.placement.index);
    out.placements.push_back(std::move(image.placement));
  }
  return {nlohmann::json(out).dump(), static_cast<int64_t>(out.placements.size())};
}

class ExtractImages final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_extract_images); }

  void run(runner::PhaseContext& ctx) const override
  {
    // Poppler, hashing, JSON and blob writes run on the workers; a page's
    // blobs are on disk before its row commits because the worker writes
    // them before handing the page over.
    state::BlobStore& blobs = ctx.store.blobs();
    run_pending_pages(ctx, "placements", pdf::default_page_workers(),
                      [&blobs](pdf::Document& pdf, int page, const model::DocumentRecord& doc) {
                        return extract_page(pdf, page, doc.sha256, blobs);
                      });
  }
};

} // namespace

const runner::Phase& extract_images_phase()
{
  static const ExtractImages k_phase;
  return k_phase;
}

} // namespace collproc::phases
