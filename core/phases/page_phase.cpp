#include "core/phases/page_phase.hpp"

#include "core/pdf/page_workers.hpp"
#include "core/phases/phases.hpp"

#include <vector>

namespace collproc::phases {

void run_pending_pages(runner::PhaseContext& ctx, const char* count_name, int threads,
                       const PageWork& work)
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
    pdf::PageWorkers<PageOutput> workers(
        ctx.store.blobs().path_of(doc.sha256), doc.filename, pages,
        [&work, &doc](pdf::Document& pdf, int page) { return work(pdf, page, doc); }, threads);
    for (const int page : pages) {
      try {
        const PageOutput out = workers.next();
        ctx.count(count_name, out.count);
        ctx.count("pages", 1);
        ctx.commit_unit(doc.document_id, page, out.payload);
      } catch (const Error& e) {
        rethrow_for(ctx, doc.filename, page, e);
      }
      ctx.advance();
    }
  }
}

} // namespace collproc::phases
