#pragma once
// The one runner both jobs use. For each phase of the job in SPEC order it
// computes the input fingerprint, skips the phase when a complete checkpoint
// has the same fingerprint, otherwise runs it and commits its outputs with
// its checkpoint. It holds the job's lease (duplicate prevention) with a
// heartbeat thread, keeps the status row current, records the run for
// `history`, and turns Cancelled and errors into the SPEC §3 outcomes.

#include "core/runner/cancel.hpp"
#include "core/runner/phase.hpp"
#include "core/runner/progress.hpp"
#include "core/state/state_store.hpp"
#include "core/util/error.hpp"

#include <optional>
#include <string>
#include <vector>

namespace collproc::runner {

struct RunRequest {
  std::string collection;
  state::JobKind job = state::JobKind::documents;
  int from = 0;            // when > 0, phases numbered >= from run even when up to date (--from)
  bool force = false;      // run every phase (--force)
  std::optional<int> only; // run this phase alone (`collproc phase`)
  RunOptions options;
  int64_t stale_after_ms = 60000;
  // The job this one builds on (document_processing for item_generation):
  // its last phase must be checkpointed, and its fingerprint starts ours.
  std::vector<const Phase*> upstream;
};

// How a job that ran ended: ok, job_failed, bad_input or cancelled.
struct RunOutcome {
  ExitCode code = ExitCode::ok;
  state::JobStatus status = state::JobStatus::completed;
  std::string message; // the error or cancellation message, "" on success
  std::string hint;
};

class JobRunner {
public:
  // `phases` is the job's SPEC-ordered table (phases/phase_table.hpp).
  JobRunner(state::StateStore& store, std::vector<const Phase*> phases, Progress& progress,
            CancelToken& cancel);

  // Runs the request. Throws Error before starting for: unknown collection
  // (not_found), a missing prerequisite (usage/job_failed), or a job a live
  // process owns (already_running). Every later failure is recorded in the
  // status and returned as the outcome.
  RunOutcome run(const RunRequest& request);

private:
  state::StateStore& m_store;
  std::vector<const Phase*> m_phases;
  Progress& m_progress;
  CancelToken& m_cancel;
};

// Fingerprint of the documents a phase reads (their hashes, in order).
std::string documents_fingerprint(state::StateStore& store, const std::string& collection,
                                  PhaseInputs inputs);

// The SPEC §4 status object of one job ("document_processing" or
// "item_generation" shape), from its row and phase table.
nlohmann::json status_json(const state::JobRow& row, const std::vector<PhaseInfo>& phases);

} // namespace collproc::runner
