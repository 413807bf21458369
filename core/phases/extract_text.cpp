// Phase 2: every word of every linesheet page with bbox and font size,
// grouped into reading-order lines and blocks. Checkpoints per page. Pages
// are read on several threads (pdf::PageWorkers) and committed in order on
// this one.

#include "core/pdf/page_workers.hpp"
#include "core/pdf/pdf_document.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace collproc::phases {

namespace {

// One page's output row, serialised on the worker that read the page.
struct PageOutput {
  std::string payload;
  int64_t words = 0;
};

// Runs on a worker thread with that thread's own Document.
PageOutput extract_page(pdf::Document& pdf, int page)
{
  model::TextPage text = pdf::extract_text(pdf, page);
  text.page = page;
  return {nlohmann::json(text).dump(), static_cast<int64_t>(text.words.size())};
}

// Text work is all CPU: one thread per core, at least 2.
int text_threads()
{
  return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
}

class ExtractText final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override
  {
    static const runner::PhaseInfo k_info{k_extract_text,
                                          "Extracting text with positions",
                                          state::JobKind::documents,
                                          2,
                                          1,
                                          runner::PhaseInputs::linesheets,
                                          runner::KeepOnCancel::yes,
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
      std::vector<int> pages;
      for (int page = 1; page <= doc.pages; ++page) {
        if (ctx.unit_done(doc.document_id, page)) {
          ctx.advance();
        } else {
          pages.push_back(page);
        }
      }
      if (pages.empty()) {
        continue;
      }
      // Layout analysis and JSON run on worker threads; rows commit here, on
      // the store's one thread, in page order.
      pdf::PageWorkers<PageOutput> workers(ctx.store.blobs().path_of(doc.sha256), doc.filename,
                                           pages, &extract_page, text_threads());
      for (const int page : pages) {
        try {
          const PageOutput out = workers.next();
          ctx.count("words", out.words);
          ctx.count("pages", 1);
          ctx.commit_unit(doc.document_id, page, out.payload);
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
