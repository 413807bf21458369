// Phase 2: every word of every linesheet page with bbox and font size,
// grouped into reading-order lines and blocks. Checkpoints per page.

#include "core/pdf/pdf_document.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

#include <optional>

namespace collproc::phases {

namespace {

class ExtractText final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override
  {
    static const runner::PhaseInfo k_info{k_extract_text, "Extracting text with positions",
                                          state::JobKind::documents, 2, 1,
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
          model::TextPage text = pdf::extract_text(*pdf, page);
          text.page = page;
          ctx.count("words", static_cast<int64_t>(text.words.size()));
          ctx.count("pages", 1);
          ctx.commit_unit(doc.document_id, page, nlohmann::json(text).dump());
        } catch (const Error& e) {
          rethrow_for(ctx, doc.filename, page, e);
        }
        ctx.advance();
      }
    }
  }
};

} // namespace

const runner::Phase& extract_text_phase()
{
  static const ExtractText k_phase;
  return k_phase;
}

} // namespace collproc::phases
