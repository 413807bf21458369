#pragma once
// A phase (document_processing) or step (item_generation): one unit of the
// SPEC §1 tables. The runner owns ordering, fingerprints, checkpoints,
// progress and cancellation; a phase only reads its inputs from the store and
// hands its outputs to the PhaseContext.

#include "core/runner/cancel.hpp"
#include "core/runner/progress.hpp"
#include "core/state/state_store.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace collproc::runner {

enum class PhaseInputs { none, linesheets, po };
enum class KeepOnCancel { no, yes };
// per_unit phases commit each unit (page) as it finishes; whole phases stage
// their outputs, which replace the previous ones in the same transaction as
// the checkpoint.
enum class Granularity { whole, per_unit };

struct PhaseInfo {
  const char* name;  // "extract-text": the name `phase`, `show` and --from take
  const char* label; // "Extracting text with positions": shown to users
  state::JobKind job;
  int number;         // 1-based position in its job
  int version;        // bump when the phase's output changes
  PhaseInputs inputs; // documents whose hashes enter the fingerprint
  KeepOnCancel keep;  // extraction results survive a cancel for a fast retry
  Granularity granularity;
};

// Options that change what phases produce; they enter the fingerprints.
struct RunOptions {
  std::string ai = "heuristic";
  std::map<std::string, std::string> settings; // engine settings (model, endpoint, ...)
};

class PhaseContext {
public:
  PhaseContext(state::StateStore& store, const std::string& collection, const PhaseInfo& info,
               const RunOptions& options, CancelToken& cancel, Progress& progress,
               int total_phases);

  state::StateStore& store;
  const std::string& collection;
  const PhaseInfo& info;
  const RunOptions& options;
  CancelToken& cancel;

  // Per-unit checkpoints: whether a unit was committed by an earlier,
  // interrupted run of this phase with the same fingerprint.
  bool unit_done(const std::string& document_id, int unit);
  // Commits one unit's output now, in its own transaction (the page checkpoint).
  void commit_unit(const std::string& document_id, int unit, const std::string& payload);
  // Outputs of a whole phase: committed by the runner together with the
  // phase's checkpoint, in one transaction, when run() returns.
  void stage(const std::string& document_id, int unit, std::string payload);
  const std::vector<std::tuple<std::string, int, std::string>>& staged() const { return m_staged; }

  // Counts shown by `history` and the closing summary ("pages": 12, ...).
  void count(const std::string& key, int64_t n);
  const nlohmann::json& counts() const { return m_counts; }

  // Progress inside the phase: the unit total, then one advance per unit.
  // advance() also checks for cancellation.
  void set_units(int total, const char* unit_name);
  void advance(int n = 1);

private:
  Progress& m_progress;
  int m_total_phases;
  int m_units_done = 0;
  int m_units_total = 0;
  const char* m_unit_name = "page";
  std::set<std::pair<std::string, int>> m_done;
  bool m_done_loaded = false;
  std::vector<std::tuple<std::string, int, std::string>> m_staged;
  nlohmann::json m_counts = nlohmann::json::object();
};

// Sleeps $COLLPROC_TEST_DELAY_MS (a hook for tests only; unset in normal use)
// unless cancellation is requested.
void test_delay(const CancelToken& cancel);

class Phase {
public:
  virtual ~Phase() = default;
  virtual const PhaseInfo& info() const = 0;
  // What of the options this phase depends on (e.g. the AI engine); "" if none.
  virtual std::string options_fingerprint(const RunOptions&) const { return {}; }
  // Reads inputs through ctx.store, writes outputs through ctx. Throws
  // collproc::Error for failures the user must see, Cancelled to stop.
  virtual void run(PhaseContext& ctx) const = 0;
};

} // namespace collproc::runner
