#pragma once
// The SPEC §1 tables: one list drives `process`, `generate-items`,
// `phase NAME`, `--from`, `show`, the status labels and `--help`.

#include "core/runner/phase.hpp"

#include <optional>
#include <string>
#include <vector>

namespace collproc::phases {

// The phases of a job, in SPEC order.
const std::vector<const runner::Phase*>& table(state::JobKind job);

// Every phase and step of both jobs, documents first.
std::vector<const runner::Phase*> all_phases();

// The phase or step with this name, or nullopt.
const runner::Phase* find(const std::string& name);

// Throws Error(usage) for an unknown name, suggesting the closest one
// ("did you mean 'extract-text'?").
const runner::Phase& require(const std::string& name);

} // namespace collproc::phases
