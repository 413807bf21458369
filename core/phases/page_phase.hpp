#pragma once
// The loop both extraction phases share: every linesheet page without an
// output row is read on worker threads (pdf::PageWorkers, one Poppler
// document each), and rows commit here, on the store's one thread, in page
// order, each page with its own transaction (the page checkpoint).

#include "core/model/types.hpp"
#include "core/pdf/pdf_document.hpp"
#include "core/runner/phase.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace collproc::phases {

// One page's output row, serialised on the worker that read the page, and
// the count ("words", "placements") it adds to the phase.
struct PageOutput {
  std::string payload;
  int64_t count = 0;
};

// Runs on a worker thread; may touch only its own Document and thread-safe
// state such as the blob store.
using PageWork = std::function<PageOutput(pdf::Document&, int page, const model::DocumentRecord&)>;

// Commits work's output for every page not yet done, counting `count_name`
// and "pages"; errors name the collection, file, phase and page.
void run_pending_pages(runner::PhaseContext& ctx, const char* count_name, int threads,
                       const PageWork& work);

} // namespace collproc::phases
