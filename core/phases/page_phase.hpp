#pragma once
// The loop both extraction phases share: every linesheet page without an
// output row is read in worker processes (pdf::PageWorkers, one Poppler
// document each, under the limits of util::limits()), and rows commit here,
// on the store's one thread, in page order, each page with its own
// transaction (the page checkpoint).

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

// Runs in a worker process; may touch only its own Document and files (the
// blob store), never the state database.
using PageWork = std::function<PageOutput(pdf::Document&, int page, const model::DocumentRecord&)>;

// Commits work's output for every page not yet done, counting `count_name`
// and "pages"; errors name the collection, file, phase and page. A document
// over --max-pages, or a page that crashes its worker or passes a limit,
// fails the phase with Error(bad_input).
void run_pending_pages(runner::PhaseContext& ctx, const char* count_name, int workers,
                       const PageWork& work);

} // namespace collproc::phases
