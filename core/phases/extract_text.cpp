// Phase 2: every word of every linesheet page with bbox and font size,
// grouped into reading-order lines and blocks. Checkpoints per page. Pages
// are read in worker processes (pdf::PageWorkers) and committed in order on
// this thread.

#include "core/pdf/pdf_document.hpp"
#include "core/phases/catalog.hpp"
#include "core/phases/names.hpp"
#include "core/phases/page_phase.hpp"
#include "core/phases/phases.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace collproc::phases {

namespace {

// Runs on a worker thread with that thread's own Document.
PageOutput extract_page(pdf::Document& pdf, int page, const model::DocumentRecord& /*doc*/)
{
  model::TextPage text = pdf::extract_text(pdf, page);
  text.page = page;
  return {nlohmann::json(text).dump(), static_cast<int64_t>(text.words.size())};
}

// Text work is all CPU: one worker process per core, at least 2.
int text_workers()
{
  return std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
}

class ExtractText final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_extract_text); }

  void run(runner::PhaseContext& ctx) const override
  {
    // Layout analysis and JSON run on the workers.
    run_pending_pages(ctx, "words", text_workers(), &extract_page);
  }
};

} // namespace

const runner::Phase& extract_text_phase()
{
  static const ExtractText k_phase;
  return k_phase;
}

} // namespace collproc::phases
