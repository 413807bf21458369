#pragma once
// What each phase and step is (name, label, number, version, inputs, cancel
// and checkpoint policy), apart from the code that runs it: SPEC §1's tables
// as data. Each Phase returns its entry from info(); `status` reads labels
// from here without loading the phases' code (or the libraries it needs).

#include "core/runner/phase.hpp"

#include <string_view>
#include <vector>

namespace collproc::phases {

// The entries of a job, in SPEC order.
const std::vector<runner::PhaseInfo>& catalog(state::JobKind job);

// The entry named `name` (one of the k_* names of names.hpp).
const runner::PhaseInfo& phase_info(std::string_view name);

} // namespace collproc::phases
