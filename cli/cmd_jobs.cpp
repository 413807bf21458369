// Commands that run jobs: process, generate-items, phase, retry, recover, batch.
// All of them go through run_job(), which drives the one JobRunner.

#include "cli/globals.hpp"
#include "cli/progress_printer.hpp"
#include "core/phases/catalog.hpp"
#include "core/phases/phase_table.hpp"
#include "core/runner/process_identity.hpp"
#include "core/util/time.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace collproc::cli {

namespace {

using state::JobKind;
using state::JobStatus;

std::string summary(state::StateStore& store, const std::string& c, JobKind job)
{
  const auto counts = [&](const char* phase) {
    const auto cp = store.checkpoint(c, phase);
    return cp ? cp->counts : nlohmann::json::object();
  };
  // What the AI engine's phases spent (recorded only by engines that ask a
  // service), e.g. "; openai: 3 requests, 2 from cache, 5120 + 830 tokens".
  const auto usage = [&](std::initializer_list<const char*> phases) {
    int64_t requests = 0, cached = 0, prompt = 0, completion = 0, fallbacks = 0;
    bool any = false;
    for (const char* phase : phases) {
      const auto n = counts(phase);
      any = any || n.contains("prompt_tokens");
      requests += n.value("ai_requests", int64_t{0});
      cached += n.value("ai_cached", int64_t{0});
      prompt += n.value("prompt_tokens", int64_t{0});
      completion += n.value("completion_tokens", int64_t{0});
      fallbacks += n.value("ai_fallbacks", int64_t{0});
    }
    return any ? fmt::format("; openai: {} requests, {} from cache, {} + {} tokens{}", requests,
                             cached, prompt, completion,
                             fallbacks > 0 ? fmt::format(", {} heuristic fallbacks", fallbacks)
                                           : "")
               : std::string();
  };
  if (job == JobKind::documents) {
    const auto filter = counts("filter-images");
    return fmt::format("{} products, {} images kept / {} dropped, {} categories{}",
                       counts("extract-products").value("products", 0), filter.value("kept", 0),
                       filter.value("dropped", 0),
                       counts("generate-categories").value("categories", 0),
                       usage({"generate-categories", "extract-products"}));
  }
  return fmt::format("{} items{}", counts("save-items").value("items", 0),
                     usage({"identify-columns"}));
}

std::string title(JobKind job)
{
  return job == JobKind::documents ? "document processing" : "item generation";
}

} // namespace

int run_job(const Globals& g, state::StateStore& store, runner::RunRequest request)
{
  auto progress = make_progress(g.progress, g.quiet);
  runner::CancelToken token;
  auto synced = g.sync_status ? sync_status_progress(g, *progress, store, request, token) : nullptr;
  runner::JobRunner job_runner(store, phases::table(request.job), synced ? *synced : *progress,
                               token);
  if (request.job == JobKind::items) {
    request.upstream = phases::table(JobKind::documents);
  }
  const auto t0 = util::now_ms();
  const runner::RunOutcome outcome = job_runner.run(request);
  synced.reset(); // pushes the final status before the outcome is printed
  if (outcome.code != ExitCode::ok) {
    print_error(outcome.message, outcome.hint);
  } else if (!g.quiet && !g.json) {
    fmt::print("{}: {} {} in {}: {}\n", request.collection, title(request.job),
               request.only ? "ran one phase" : "completed",
               util::human_duration((util::now_ms() - t0) / 1000.0),
               summary(store, request.collection, request.job));
  }
  if (g.json) {
    fmt::print("{}\n", runner::status_json(store.job(request.collection, request.job),
                                           phases::catalog(request.job))
                           .dump(2));
  }
  return static_cast<int>(outcome.code);
}

namespace {

// Jobs that a dead or silent owner left "processing".
bool is_stale(state::StateStore& store, const std::string& c, JobKind job, int64_t stale_after_ms)
{
  if (store.job(c, job).status != JobStatus::processing) {
    return false;
  }
  const auto lease = store.lease(c, job);
  return !lease || !runner::lease_is_live(*lease, util::now_ms(), stale_after_ms);
}

bool has_kind(const std::vector<model::DocumentRecord>& docs, model::DocumentKind kind)
{
  return std::any_of(docs.begin(), docs.end(), [kind](const auto& d) { return d.kind == kind; });
}

uint32_t fnv1a(const std::string& s)
{
  uint32_t h = 2166136261u;
  for (const unsigned char c : s) {
    h = (h ^ c) * 16777619u;
  }
  return h;
}

void add_run_options(CLI::App* cmd, runner::RunRequest& request)
{
  cmd->add_option("COLLECTION", request.collection, "Collection ID")->required();
}

} // namespace

void register_jobs(CLI::App& app, Globals& g, Action& action)
{
  // process
  {
    auto* cmd = app.add_subcommand(
        "process", "Run document processing (6 phases), resuming from the last checkpoint");
    auto request = std::make_shared<runner::RunRequest>();
    auto from = std::make_shared<std::string>();
    add_run_options(cmd, *request);
    cmd->add_option("--from", *from,
                    "Rerun from this phase on, even where checkpoints are up to date")
        ->type_name("PHASE");
    cmd->add_flag("--force", request->force, "Rerun every phase");
    cmd->add_flag("--sync-status", g.sync_status,
                  "Keep processing_status current in Firestore; honour a cancel set there");
    cmd->add_option("--stale-after", request->stale_after_ms,
                    "Seconds without a heartbeat before a running job is taken over")
        ->transform([](std::string s) { return std::to_string(std::stoll(s) * 1000); });
    std::string phases_help = "Phases:\n";
    for (const auto* p : phases::table(JobKind::documents)) {
      phases_help +=
          fmt::format("  {}. {:<20} {}\n", p->info().number, p->info().name, p->info().label);
    }
    cmd->footer(phases_help + "Needs a linesheet and a purchase order staged with 'collproc add'.");
    cmd->callback([&g, &action, request, from] {
      action = [&g, request, from] {
        request->job = JobKind::documents;
        request->options = run_options(g);
        if (!from->empty()) {
          const auto& phase = phases::require(*from);
          if (phase.info().job != JobKind::documents) {
            throw Error(
                ExitCode::usage,
                fmt::format("--from {}: a step of item generation, not a phase of process", *from),
                "use 'collproc generate-items' for item steps");
          }
          request->from = phase.info().number;
        }
        auto store = open_store(g, state::StateStore::Open::existing);
        store->require_collection(request->collection);
        const auto docs = store->documents(request->collection);
        const bool has_linesheet = has_kind(docs, model::DocumentKind::linesheet);
        const bool has_po = has_kind(docs, model::DocumentKind::po);
        if (!has_linesheet || !has_po) {
          throw Error(
              ExitCode::not_found,
              fmt::format("{}: no {} staged", request->collection,
                          has_linesheet ? "purchase order" : "linesheet"),
              fmt::format("add one with 'collproc add {} {} FILE', then run 'collproc process {}'",
                          request->collection, has_linesheet ? "--po" : "--linesheet",
                          request->collection));
        }
        return run_job(g, *store, *request);
      };
    });
  }
  // generate-items
  {
    auto* cmd = app.add_subcommand("generate-items",
                                   "Run item generation (7 steps) from the purchase order");
    auto request = std::make_shared<runner::RunRequest>();
    add_run_options(cmd, *request);
    cmd->add_flag("--force", request->force, "Rerun every step");
    cmd->add_flag("--sync-status", g.sync_status,
                  "Keep processing_status current in Firestore; honour a cancel set there");
    std::string steps_help = "Steps:\n";
    for (const auto* p : phases::table(JobKind::items)) {
      steps_help +=
          fmt::format("  {}. {:<20} {}\n", p->info().number, p->info().name, p->info().label);
    }
    cmd->footer(steps_help +
                "Refuses to start until 'collproc process' has completed for the collection.");
    cmd->callback([&g, &action, request] {
      action = [&g, request] {
        request->job = JobKind::items;
        request->options = run_options(g);
        auto store = open_store(g, state::StateStore::Open::existing);
        return run_job(g, *store, *request);
      };
    });
  }
  // phase
  {
    auto* cmd = app.add_subcommand(
        "phase", "Run one phase or step alone (its inputs must be checkpointed); for debugging");
    auto request = std::make_shared<runner::RunRequest>();
    auto name = std::make_shared<std::string>();
    cmd->add_option("NAME", *name, "Phase or step name, e.g. extract-text")->required();
    add_run_options(cmd, *request);
    cmd->add_flag("--force", request->force,
                  "Accepted for symmetry: a phase run alone always reruns");
    cmd->callback([&g, &action, request, name] {
      action = [&g, request, name] {
        const auto& phase = phases::require(*name);
        request->job = phase.info().job;
        request->only = phase.info().number;
        request->options = run_options(g);
        auto store = open_store(g, state::StateStore::Open::existing);
        return run_job(g, *store, *request);
      };
    });
  }
  // retry
  {
    auto* cmd = app.add_subcommand(
        "retry", "Rerun a failed, cancelled or abandoned job from its last good checkpoint");
    auto request = std::make_shared<runner::RunRequest>();
    auto job = std::make_shared<std::string>();
    add_run_options(cmd, *request);
    cmd->add_option("--job", *job, "documents or items (default: the failed or cancelled one)");
    cmd->callback([&g, &action, request, job] {
      action = [&g, request, job] {
        auto store = open_store(g, state::StateStore::Open::existing);
        store->require_collection(request->collection);
        // A job left "processing" by a dead owner (killed, or unable to
        // record its failure on a full disk) is retried like a failed one.
        const auto retryable = [&](JobKind k) {
          const auto s = store->job(request->collection, k).status;
          return s == JobStatus::failed || s == JobStatus::cancelled ||
                 is_stale(*store, request->collection, k, 60000);
        };
        if (!job->empty()) {
          request->job = parse_job(*job);
        } else {
          request->job = retryable(JobKind::documents) || !retryable(JobKind::items)
                             ? JobKind::documents
                             : JobKind::items;
        }
        if (!retryable(request->job)) {
          throw Error(
              ExitCode::usage,
              fmt::format("{}: nothing to retry: {} is {}", request->collection,
                          title(request->job),
                          state::to_string(store->job(request->collection, request->job).status)),
              fmt::format(
                  "retry takes failed, cancelled or abandoned jobs; see 'collproc status {}'",
                  request->collection));
        }
        request->options = run_options(g);
        return run_job(g, *store, *request);
      };
    });
  }
  // recover
  {
    auto* cmd = app.add_subcommand("recover",
                                   "Restart jobs left \"processing\" by a dead process (for cron)");
    auto stale_after = std::make_shared<int64_t>(60);
    cmd->add_option("--stale-after", *stale_after,
                    "Seconds without a heartbeat before a job counts as stale (default 60)");
    cmd->footer(
        "A job is stale when its owner's pid is gone on this host, or its heartbeat is older\n"
        "than --stale-after. Each stale job resumes from its last checkpoint.");
    cmd->callback([&g, &action, stale_after] {
      action = [&g, stale_after] {
        auto store = open_store(g, state::StateStore::Open::existing);
        store->blobs().remove_dead_temps();
        int worst = 0;
        int recovered = 0;
        for (const auto& c : store->collections()) {
          for (const JobKind job : {JobKind::documents, JobKind::items}) {
            if (!is_stale(*store, c, job, *stale_after * 1000)) {
              continue;
            }
            ++recovered;
            if (!g.quiet) {
              fmt::print(stderr, "{}: {} was left processing by a process that is gone\n", c,
                         title(job));
            }
            runner::RunRequest request;
            request.collection = c;
            request.job = job;
            request.options = run_options(g);
            request.stale_after_ms = *stale_after * 1000;
            try {
              const int code = run_job(g, *store, request);
              worst = worst == 0 ? code : worst;
            } catch (const Error& e) {
              print_error(e.what(), e.hint());
              worst = worst == 0 ? static_cast<int>(e.code()) : worst;
            }
          }
        }
        if (recovered == 0 && !g.quiet && !g.json) {
          fmt::print("no stale jobs\n");
        }
        return worst;
      };
    });
  }
  // batch
  {
    auto* cmd = app.add_subcommand(
        "batch", "Run every job that has pending work, collection by collection (cron, CI)");
    auto shard = std::make_shared<std::string>();
    cmd->add_option("--shard", *shard,
                    "K/N: only collections whose ID hashes to shard K of N (1-based)");
    cmd->footer(
        "Pending work: document processing that has never run since its documents changed,\n"
        "item generation after a completed document processing, and stale jobs.\n"
        "Failed and cancelled jobs wait for 'collproc retry'.");
    cmd->callback([&g, &action, shard] {
      action = [&g, shard] {
        uint32_t k = 1;
        uint32_t n = 1;
        if (!shard->empty()) {
          if (std::sscanf(shard->c_str(), "%u/%u", &k, &n) != 2 || n == 0 || k == 0 || k > n) {
            throw Error(ExitCode::usage,
                        fmt::format("--shard {}: expected K/N with 1 <= K <= N", *shard),
                        "for example --shard 1/4");
          }
        }
        auto store = open_store(g, state::StateStore::Open::existing);
        int worst = 0;
        for (const auto& c : store->collections()) {
          if (fnv1a(c) % n != k - 1) {
            continue;
          }
          const auto docs = store->documents(c);
          const bool has_linesheet = has_kind(docs, model::DocumentKind::linesheet);
          const bool has_po = has_kind(docs, model::DocumentKind::po);
          for (const JobKind job : {JobKind::documents, JobKind::items}) {
            const auto status = store->job(c, job).status;
            const bool ready =
                job == JobKind::documents
                    ? has_linesheet && has_po
                    : has_po && store->job(c, JobKind::documents).status == JobStatus::completed;
            const bool pending =
                ready && (status == JobStatus::idle || is_stale(*store, c, job, 60000));
            if (!pending) {
              continue;
            }
            runner::RunRequest request;
            request.collection = c;
            request.job = job;
            request.options = run_options(g);
            try {
              const int code = run_job(g, *store, request);
              worst = worst == 0 ? code : worst;
              if (code == static_cast<int>(ExitCode::cancelled)) {
                return code;
              }
            } catch (const Error& e) {
              // Another process owns it: not ours to run, not a failure.
              if (e.code() != ExitCode::already_running) {
                print_error(e.what(), e.hint());
                worst = worst == 0 ? static_cast<int>(e.code()) : worst;
              }
            }
          }
        }
        return worst;
      };
    });
  }
}

} // namespace collproc::cli
