#include "core/runner/job_runner.hpp"

#include "core/runner/process_identity.hpp"
#include "core/util/child.hpp"
#include "core/util/hash.hpp"
#include "core/util/test_hooks.hpp"
#include "core/util/time.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

namespace collproc::runner {

using state::JobKind;
using state::JobRow;
using state::JobStatus;
using state::Transaction;

namespace {

// How often the owner proves it is alive and looks for a cancel flag set by
// `collproc cancel` from another shell.
constexpr auto k_heartbeat_interval = std::chrono::milliseconds(500);

std::string new_task_id()
{
  std::random_device rd;
  std::uniform_int_distribution<uint32_t> dist;
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:08x}{:04x}", dist(rd), dist(rd) & 0xffff,
                     dist(rd) & 0xfff, (dist(rd) & 0x3fff) | 0x8000, dist(rd), dist(rd) & 0xffff);
}

std::string job_title(JobKind job)
{
  return job == JobKind::documents ? "document processing" : "item generation";
}

// Proves liveness every k_heartbeat_interval on its own connection and
// trips the token when the job's cancel flag is set or the lease was lost.
class Heartbeat {
public:
  Heartbeat(const std::filesystem::path& path, std::string collection, JobKind job,
            std::string task_id, CancelToken& cancel)
      : m_thread([=, this, &cancel] { loop(path, collection, job, task_id, cancel); })
  {
    // Wait until the thread runs: its start-up (in the C library, or the
    // sanitizers' thread registry) must not overlap the first fork.
    std::unique_lock lock(m_mutex);
    m_wake.wait(lock, [this] { return m_running; });
  }
  ~Heartbeat()
  {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
  }

private:
  void loop(const std::filesystem::path& path, const std::string& collection, JobKind job,
            const std::string& task_id, CancelToken& cancel)
  {
    std::unique_ptr<state::StateStore> store;
    std::unique_lock lock(m_mutex);
    m_running = true;
    m_wake.notify_all();
    while (!m_wake.wait_for(lock, k_heartbeat_interval, [this] { return m_stop; })) {
      const std::lock_guard no_fork(util::fork_mutex());
      try {
        if (!store) {
          store = std::make_unique<state::StateStore>(path, state::StateStore::Open::existing);
        }
        if (!store->touch_lease(collection, job, task_id, util::now_ms())) {
          cancel.request(CancelReason::lease_lost);
        }
        if (store->job(collection, job).cancel_requested) {
          cancel.request(CancelReason::requested);
        }
      } catch (const std::exception&) {
        // A busy or briefly unwritable state file must not kill the job; the
        // next beat tries again, and a long outage shows as a stale lease.
      }
    }
  }

  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stop = false;
  bool m_running = false;
  std::thread m_thread;
};

std::string chain_fingerprint(state::StateStore& store, const std::string& collection,
                              const Phase& phase, const RunOptions& options,
                              const std::string& previous)
{
  const PhaseInfo& info = phase.info();
  util::Sha256 h;
  h.add("collproc-phase-v1").add(info.name).add(std::to_string(info.version));
  h.add(phase.options_fingerprint(options));
  h.add(documents_fingerprint(store, collection, info.inputs));
  h.add(previous);
  return h.hex();
}

} // namespace

std::string documents_fingerprint(state::StateStore& store, const std::string& collection,
                                  PhaseInputs inputs)
{
  if (inputs == PhaseInputs::none) {
    return {};
  }
  const auto kind =
      inputs == PhaseInputs::po ? model::DocumentKind::po : model::DocumentKind::linesheet;
  util::Sha256 h;
  for (const auto& doc : store.documents(collection, kind)) {
    h.add(doc.document_id).add(doc.sha256);
  }
  return h.hex();
}

JobRunner::JobRunner(state::StateStore& store, std::vector<const Phase*> phases, Progress& progress,
                     CancelToken& cancel)
    : m_store(store), m_phases(std::move(phases)), m_progress(progress), m_cancel(cancel)
{
}

RunOutcome JobRunner::run(const RunRequest& req)
{
  const std::string& c = req.collection;
  m_store.require_collection(c);
  const int total = static_cast<int>(m_phases.size());

  // The chain starts from the upstream job's last checkpoint, which must be
  // complete: the workflow cannot skip steps.
  std::string previous;
  if (!req.upstream.empty()) {
    const auto& last = req.upstream.back()->info();
    const auto cp = m_store.checkpoint(c, last.name);
    if (!cp || !cp->complete || m_store.job(c, last.job).status != JobStatus::completed) {
      throw Error(
          ExitCode::usage,
          fmt::format("{}: {} needs document processing to complete first", c, job_title(req.job)),
          fmt::format("run 'collproc process {}', then try again", c));
    }
    previous = cp->fingerprint;
  }

  // Phases before the one run alone must be checkpointed with the
  // fingerprints today's inputs give.
  std::vector<std::string> fingerprints;
  for (const Phase* phase : m_phases) {
    fingerprints.push_back(chain_fingerprint(m_store, c, *phase, req.options, previous));
    previous = fingerprints.back();
  }
  if (req.only) {
    for (int i = 0; i + 1 < *req.only; ++i) {
      const auto& info = m_phases[i]->info();
      const auto cp = m_store.checkpoint(c, info.name);
      if (!cp || !cp->complete || cp->fingerprint != fingerprints[i]) {
        throw Error(
            ExitCode::usage,
            fmt::format("{}: {}: its input '{}' is not checkpointed for the current documents", c,
                        m_phases[*req.only - 1]->info().name, info.name),
            fmt::format("run 'collproc phase {} {}' first, or the whole job", info.name, c));
      }
    }
  }

  // Take the lease: exactly one live owner per job.
  const ProcessIdentity me = current_process();
  const std::string task_id = new_task_id();
  const std::string started = util::now_rfc3339();
  JobRow before;
  bool restarted = false;
  {
    Transaction tx(m_store.db());
    const int64_t now = util::now_ms();
    if (const auto lease = m_store.lease(c, req.job);
        lease && lease_is_live(*lease, now, req.stale_after_ms)) {
      throw Error(
          ExitCode::already_running,
          fmt::format("{}: {} is already running (pid {} on {}, since {})", c, job_title(req.job),
                      lease->pid, lease->host, lease->acquired_at),
          fmt::format("wait for it to finish ('collproc status {} --watch'), or stop it with "
                      "'collproc cancel {}'",
                      c, c));
    }
    before = m_store.job(c, req.job);
    restarted = before.status == JobStatus::processing;
    m_store.put_lease({c, req.job, task_id, me.host, me.pid, me.start, now, started});
    JobRow row = before;
    row.status = JobStatus::processing;
    row.task_id = task_id;
    row.started_at = started;
    row.completed_at.clear();
    row.last_updated = started;
    row.phase = req.only ? *req.only : 1;
    row.error_message.clear();
    row.error_phase = 0;
    row.error_details.clear();
    row.cancel_requested = false;
    m_store.put_job(row);
    m_store.put_run({task_id, c, req.job, started, "", "processing", nlohmann::json::array()});
    tx.commit();
  }
  util::crash_point("job-leased");

  m_progress.job_started(c, req.job, task_id);
  if (restarted) {
    m_progress.note("Restarting processing…");
  }

  state::RunRow run{task_id, c, req.job, started, "", "processing", nlohmann::json::array()};
  RunOutcome outcome;
  int current = 0;
  {
    Heartbeat heartbeat(m_store.path(), c, req.job, task_id, m_cancel);
    try {
      for (int i = 0; i < total; ++i) {
        const Phase& phase = *m_phases[i];
        const PhaseInfo& info = phase.info();
        if (req.only && info.number != *req.only) {
          continue;
        }
        current = info.number;
        const PhaseEvent event{&info, total};
        const std::string& fp = fingerprints[i];
        const bool forced =
            req.force || req.only.has_value() || (req.from > 0 && info.number >= req.from);
        const auto cp = m_store.checkpoint(c, info.name);
        if (!forced && cp && cp->complete && cp->fingerprint == fp) {
          m_progress.phase_skipped(event, "up to date");
          run.phases.push_back({{"phase", info.name},
                                {"status", "skipped"},
                                {"duration_ms", 0},
                                {"counts", cp->counts}});
          continue;
        }
        m_cancel.throw_if_requested();
        {
          Transaction tx(m_store.db());
          JobRow row = m_store.job(c, req.job);
          row.phase = info.number;
          row.last_updated = util::now_rfc3339();
          m_store.put_job(row);
          // Keep the finished units of an interrupted run with the same
          // inputs; anything else starts the phase afresh. A whole phase's
          // previous outputs stay until its new ones replace them.
          if (info.granularity == Granularity::per_unit &&
              (forced || !cp || cp->fingerprint != fp || cp->complete)) {
            m_store.clear_phase(c, info.name);
            m_store.put_checkpoint(c, {info.name, fp, false, nlohmann::json::object(), 0, ""});
          }
          tx.commit();
        }
        util::crash_point("phase-started");

        m_progress.phase_started(event);
        test_delay(m_cancel);
        m_cancel.throw_if_requested();
        const auto t0 = std::chrono::steady_clock::now();
        PhaseContext ctx(m_store, c, info, req.options, m_cancel, m_progress, total);
        phase.run(ctx);
        m_cancel.throw_if_requested();
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - t0)
                            .count();
        util::crash_point("phase-before-commit");
        {
          Transaction tx(m_store.db());
          if (info.granularity == Granularity::whole) {
            m_store.clear_phase(c, info.name);
          }
          for (const auto& [doc, unit, payload] : ctx.staged()) {
            m_store.put_output(c, info.name, doc, unit, payload);
          }
          m_store.put_checkpoint(c, {info.name, fp, true, ctx.counts(), ms, ""});
          tx.commit();
        }
        util::crash_point("phase-committed");
        m_progress.phase_finished(event, ctx.counts(), static_cast<double>(ms) / 1000.0);
        run.phases.push_back({{"phase", info.name},
                              {"status", "ran"},
                              {"duration_ms", ms},
                              {"counts", ctx.counts()}});
      }
      outcome = {ExitCode::ok, JobStatus::completed, "", ""};
    } catch (const Cancelled&) {
      outcome.code = m_cancel.reason() == CancelReason::lease_lost ? ExitCode::already_running
                                                                   : ExitCode::cancelled;
      outcome.status = JobStatus::cancelled;
      outcome.message = current > 0
                            ? fmt::format("{}: {} cancelled during {}", c, job_title(req.job),
                                          m_phases[current - 1]->info().label)
                            : fmt::format("{}: {} cancelled", c, job_title(req.job));
      outcome.hint = fmt::format("resume it with 'collproc retry {}{}'", c,
                                 req.job == JobKind::items ? " --job items" : "");
      if (outcome.code == ExitCode::already_running) {
        outcome.message =
            fmt::format("{}: {}: another process took the job over", c, job_title(req.job));
        outcome.hint = fmt::format("see 'collproc status {}'", c);
      }
    } catch (const Error& e) {
      outcome.code = e.code() == ExitCode::bad_input || e.code() == ExitCode::unavailable
                         ? e.code()
                         : ExitCode::job_failed;
      outcome.status = JobStatus::failed;
      outcome.message = e.what();
      outcome.hint = e.hint();
    } catch (const std::exception& e) {
      outcome.code = ExitCode::job_failed;
      outcome.status = JobStatus::failed;
      outcome.message = fmt::format(
          "{}: {}: {}", c, current > 0 ? m_phases[current - 1]->info().name : "", e.what());
      outcome.hint = fmt::format("see 'collproc status {}', then 'collproc retry {}'", c, c);
    }
  }

  // Record the outcome. A job whose lease was taken over is the new owner's
  // to report.
  if (outcome.code != ExitCode::already_running) {
    util::crash_point("job-before-outcome");
    try {
      Transaction tx(m_store.db());
      if (outcome.status == JobStatus::cancelled) {
        // Cancelling deletes the job's partial products or items but keeps
        // the extraction checkpoints for a fast retry.
        for (const Phase* phase : m_phases) {
          if (phase->info().keep == KeepOnCancel::no) {
            m_store.clear_phase(c, phase->info().name);
          }
        }
      }
      JobRow row = m_store.job(c, req.job);
      const std::string now = util::now_rfc3339();
      row.status = outcome.status;
      row.last_updated = now;
      row.cancel_requested = false;
      if (outcome.status == JobStatus::completed) {
        row.phase = total;
        row.completed_at = now;
        if (req.only) {
          // One phase run alone completes the job only when every phase is
          // checkpointed for today's inputs.
          bool all = true;
          for (int i = 0; i < total; ++i) {
            const auto cp = m_store.checkpoint(c, m_phases[i]->info().name);
            all = all && cp && cp->complete && cp->fingerprint == fingerprints[i];
          }
          if (!all) {
            row.status = before.status == JobStatus::completed ? JobStatus::idle : before.status;
            if (row.status == JobStatus::processing) {
              row.status = JobStatus::idle;
            }
            row.phase = *req.only;
            row.completed_at = before.completed_at;
          }
        }
      } else if (outcome.status == JobStatus::failed) {
        row.error_message = outcome.message;
        row.error_phase = current;
        row.error_details = outcome.hint;
      }
      m_store.put_job(row);
      run.ended_at = now;
      run.outcome = to_string(row.status);
      m_store.put_run(run);
      m_store.delete_lease(c, req.job, task_id);
      tx.commit();
    } catch (const Error& e) {
      if (outcome.code == ExitCode::ok) {
        outcome = {ExitCode::job_failed, JobStatus::failed, e.what(), e.hint()};
      }
    }
  }
  m_progress.job_finished(outcome.status, outcome.message);
  return outcome;
}

nlohmann::json status_json(const JobRow& row, const std::vector<PhaseInfo>& phases)
{
  const bool documents = row.job == JobKind::documents;
  const int total = static_cast<int>(phases.size());
  const int phase = std::clamp(row.phase, 0, total);
  nlohmann::json j;
  j["status"] = to_string(row.status);
  j["task_id"] = row.task_id;
  // A time not yet set is null, not "": scripts test it as a missing value.
  const auto time = [](const std::string& t) {
    return t.empty() ? nlohmann::json() : nlohmann::json(t);
  };
  j["started_at"] = time(row.started_at);
  j["completed_at"] = time(row.completed_at);
  j["last_updated"] = time(row.last_updated);
  j[documents ? "current_phase" : "current_step"] = phase > 0 ? phases[phase - 1].label : "";
  const int percentage = total > 0 ? static_cast<int>(std::lround(100.0 * phase / total)) : 0;
  j["progress"] =
      documents
          ? nlohmann::json{{"phase", phase}, {"total_phases", total}, {"percentage", percentage}}
          : nlohmann::json{{"step", phase}, {"total_steps", total}, {"percentage", percentage}};
  if (row.status == JobStatus::failed) {
    const int ep = std::clamp(row.error_phase, 0, total);
    j["error"] = {{"message", row.error_message},
                  {documents ? "phase" : "step", ep > 0 ? phases[ep - 1].label : ""},
                  {"details", row.error_details}};
  }
  return j;
}

} // namespace collproc::runner
