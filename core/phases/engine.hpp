#pragma once
// What the phases that ask an engine record about it (the rest of
// engine.cpp is declared in phases.hpp).

#include "core/ai/provider.hpp"
#include "core/runner/phase.hpp"

namespace collproc::phases {

// Adds the engine's usage to the phase's counts (shown by `show`, `history`
// and the closing summary): ai_requests, ai_cached, prompt_tokens,
// completion_tokens and, when the heuristic engine stood in, ai_fallbacks.
// Adds nothing for an engine that asked nothing (the heuristic engine).
void record_usage(runner::PhaseContext& ctx, const ai::Provider& engine);

} // namespace collproc::phases
