// Phase 1: every image placed on every linesheet page, with its bbox and
// pixel size; each distinct image stored once in the blob store (JPEG bytes
// untouched). Checkpoints per page: a rerun resumes at the first page that
// has no output row.

#include "core/pdf/pdf_document.hpp"
#include "core/phases/ids.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

#include <optional>

namespace collproc::phases {

namespace {

class ExtractImages final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override
  {
    static const runner::PhaseInfo k_info{k_extract_images, "Extracting images from documents",
                                          state::JobKind::documents, 1, 1,
                                          runner::PhaseInputs::linesheets, runner::KeepOnCancel::yes,
                                          runner::Granularity::per_unit};
    return k_info;
  }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto docs = ctx.store.documents(ctx.collection, model::DocumentKind::linesheet);
    int total = 0;
    for (const auto& doc : docs) {
      total += doc.pages;
    }
    ctx.set_units(total, "page");
    for (const auto& doc : docs) {
      std::optional<pdf::Document> pdf;
      for (int page = 1; page <= doc.pages; ++page) {
        if (ctx.unit_done(doc.document_id, page)) {
          ctx.advance();
          continue;
        }
        try {
          if (!pdf) {
            pdf = pdf::Document::open(ctx.store.blobs().path_of(doc.sha256), doc.filename);
          }
          pdf::PageImagesResult result = pdf::extract_images(*pdf, page);
          model::PageImages out{page, result.width, result.height, {}};
          for (auto& image : result.images) {
            // The blob is on disk before the row that names it commits.
            if (!image.bytes.empty()) {
              ctx.store.blobs().put(image.placement.sha256, image.bytes);
            }
            image.placement.page = page;
            image.placement.image_id = image_id(doc.sha256, page, image.placement.index);
            out.placements.push_back(std::move(image.placement));
          }
          ctx.count("placements", static_cast<int64_t>(out.placements.size()));
          ctx.count("pages", 1);
          ctx.commit_unit(doc.document_id, page, nlohmann::json(out).dump());
        } catch (const Error& e) {
          rethrow_for(ctx, doc.filename, page, e);
        }
        ctx.advance();
      }
    }
  }
};

} // namespace

const runner::Phase& extract_images_phase()
{
  static const ExtractImages k_phase;
  return k_phase;
}

} // namespace collproc::phases
