#pragma once
// Options every command takes, and the small helpers commands share.

#include "core/runner/job_runner.hpp"
#include "core/state/state_store.hpp"
#include "core/util/limits.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace collproc::cli {

struct Globals {
  std::string state;  // --state
  bool json = false;  // --json
  bool quiet = false; // -q
  int verbose = 0;    // -v (repeatable)
  std::string progress = "auto";
  std::string ai = "heuristic";
  std::string ai_fallback = "none"; // --ai-fallback none|heuristic
  std::string ai_cache = "on";      // --ai-cache on|off
  int ai_concurrency = 4;           // --ai-concurrency N
  bool sync_status = false;         // --sync-status (process, generate-items)
};

// The top-level app (description, --version, one subcommand required).
std::unique_ptr<CLI::App> make_app();
// The global options, including the limits on untrusted documents.
void register_globals(CLI::App& app, Globals& g, util::Limits& limits);
// Parses argv, applies the limits, runs `action` and maps errors to exit
// codes (SPEC §2); returns the exit code.
using Action = std::function<int()>;
int parse_and_run(CLI::App& app, const util::Limits& limits, const Action& action, int argc,
                  char** argv);

// The word of argv that names the command: the first that is neither an
// option nor the value of a global option that takes one; "" when none.
std::string command_word(CLI::App& app, int argc, char** argv);

// `collproc help [COMMAND]`: the help of the program or of one command.
void register_help(CLI::App& app, Action& action);
// `collproc completion bash|zsh` (completion.cpp): completion scripts
// generated from the commands registered on `app`.
void register_completion(CLI::App& app, Action& action);

// --state, else $COLLPROC_STATE, else ./collproc.db.
std::filesystem::path state_path(const Globals& g);
std::unique_ptr<state::StateStore> open_store(const Globals& g, state::StateStore::Open mode);
runner::RunOptions run_options(const Globals& g);

// Each command registers itself and sets `action` to what runs after parsing.
void register_add(CLI::App& app, Globals& g, Action& action);
void register_documents(CLI::App& app, Globals& g, Action& action);
void register_jobs(CLI::App& app, Globals& g,
                   Action& action); // process, generate-items, phase, retry, recover, batch
void register_show(CLI::App& app, Globals& g, Action& action);
void register_status(CLI::App& app, Globals& g, Action& action);
void register_history(CLI::App& app, Globals& g, Action& action);
void register_cancel(CLI::App& app, Globals& g, Action& action);
void register_export(CLI::App& app, Globals& g, Action& action);
void register_sync(CLI::App& app, Globals& g, Action& action);

// Runs a job with progress on stderr and prints its outcome; returns the
// exit code (SPEC §2).
int run_job(const Globals& g, state::StateStore& store, runner::RunRequest request);

// --sync-status (cmd_sync.cpp): `inner` wrapped so the job's status is pushed to
// Firestore and a remote cancel trips `token`. Throws Error(usage) when no
// project or credentials are configured.
std::unique_ptr<runner::Progress> sync_status_progress(const Globals& g, runner::Progress& inner,
                                                       state::StateStore& store,
                                                       const runner::RunRequest& request,
                                                       runner::CancelToken& token);

// Prints "collproc: error: ..." and "collproc: hint: ..." to stderr.
void print_error(const std::string& message, const std::string& hint);

// "documents" or "items" for --job.
state::JobKind parse_job(const std::string& name);

} // namespace collproc::cli
