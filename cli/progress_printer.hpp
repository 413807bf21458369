#pragma once
// The runner's progress on stderr: a redrawn bar on a terminal
// ("Phase 4 of 6: Generating categories... 67% (2m 30s) page 37/120, ~40s left"),
// plain lines otherwise, or JSON lines for machines.

#include "core/runner/progress.hpp"

#include <memory>
#include <string>

namespace collproc::cli {

// kind: auto, bar, plain, jsonl or none; quiet silences all but jsonl.
std::unique_ptr<runner::Progress> make_progress(const std::string& kind, bool quiet);

} // namespace collproc::cli
