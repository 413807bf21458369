// collproc status [COLLECTION] [--watch]; collproc history COLLECTION;
// collproc cancel COLLECTION [--job documents|items]

#include "cli/globals.hpp"
#include "cli/table.hpp"
#include "core/phases/catalog.hpp"
#include "core/runner/process_identity.hpp"
#include "core/util/time.hpp"

#include <fmt/format.h>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace collproc::cli {

namespace {

using state::JobKind;
using state::JobStatus;

nlohmann::json collection_status(state::StateStore& store, const std::string& c)
{
  return {{"document_processing", runner::status_json(store.job(c, JobKind::documents),
                                                      phases::catalog(JobKind::documents))},
          {"item_generation",
           runner::status_json(store.job(c, JobKind::items), phases::catalog(JobKind::items))}};
}

// A status time as text: "" while it is unset (null).
std::string time_text(const nlohmann::json& t)
{
  return t.is_string() ? t.get<std::string>() : std::string();
}

std::string job_line(const nlohmann::json& j, bool documents)
{
  const auto& progress = j["progress"];
  const std::string status = j["status"];
  std::string line = status;
  if (status == "processing") {
    line += fmt::format(": {} {} of {}: {}... {}%", documents ? "phase" : "step",
                        progress[documents ? "phase" : "step"].get<int>(),
                        progress[documents ? "total_phases" : "total_steps"].get<int>(),
                        j[documents ? "current_phase" : "current_step"].get<std::string>(),
                        progress["percentage"].get<int>());
  } else if (status == "completed") {
    line += " at " + time_text(j["completed_at"]);
  } else if (status == "failed") {
    line += fmt::format(" in '{}': {}", j["error"][documents ? "phase" : "step"].get<std::string>(),
                        j["error"]["message"].get<std::string>());
  }
  return line;
}

void print_human(const nlohmann::json& s, const std::string& c)
{
  const auto& d = s["document_processing"];
  const auto& i = s["item_generation"];
  fmt::print("{}\n", c);
  fmt::print("  document processing: {}\n", job_line(d, true));
  fmt::print("  item generation:     {}\n", job_line(i, false));
  const bool docs_done = d["status"] == "completed";
  const bool items_done = i["status"] == "completed";
  fmt::print("  unlocked: {}\n",
             docs_done ? (items_done ? "Deck Settings, Collection Items, Generate Deck"
                                     : "Deck Settings, Collection Items")
                       : "nothing yet (run 'collproc process " + c + "')");
  if (d["status"] == "failed" && !d["error"]["details"].get<std::string>().empty()) {
    fmt::print("  next: {}\n", d["error"]["details"].get<std::string>());
  } else if (i["status"] == "failed" && !i["error"]["details"].get<std::string>().empty()) {
    fmt::print("  next: {}\n", i["error"]["details"].get<std::string>());
  }
}

int code_for(const std::string& status)
{
  if (status == "failed") {
    return static_cast<int>(ExitCode::job_failed);
  }
  if (status == "cancelled") {
    return static_cast<int>(ExitCode::cancelled);
  }
  return 0;
}

} // namespace

void register_status(CLI::App& app, Globals& g, Action& action)
{
  auto* cmd = app.add_subcommand(
      "status", "Show processing status; without COLLECTION, one line per collection");
  auto collection = std::make_shared<std::string>();
  auto watch = std::make_shared<bool>(false);
  cmd->add_option("COLLECTION", *collection, "Collection ID");
  cmd->add_flag("--watch", *watch,
                "Redraw every 2 s until the running job ends; exit with that job's code");
  cmd->footer(
      "--json prints the shape the web app reads: one object per job with status, task_id,\n"
      "times (RFC 3339 UTC), current phase, progress {phase, total_phases, percentage}\n"
      "and, when failed, error {message, phase, details}.");
  cmd->callback([&g, &action, collection, watch] {
    action = [&g, collection, watch] {
      auto store = open_store(g, state::StateStore::Open::existing);
      if (collection->empty()) {
        nlohmann::json all = nlohmann::json::object();
        std::vector<Row> rows;
        for (const auto& c : store->collections()) {
          const auto s = collection_status(*store, c);
          all[c] = s;
          rows.push_back(
              {c, job_line(s["document_processing"], true), job_line(s["item_generation"], false)});
        }
        if (g.json) {
          fmt::print("{}\n", all.dump(2));
        } else {
          print_table({"COLLECTION", "DOCUMENTS", "ITEMS"}, rows);
        }
        return 0;
      }
      store->require_collection(*collection);
      if (!*watch) {
        const auto s = collection_status(*store, *collection);
        g.json ? fmt::print("{}\n", s.dump(2)) : print_human(s, *collection);
        return 0;
      }
      // Follow whichever job runs (or ran last) until it ends.
      const bool tty = isatty(STDOUT_FILENO) && !g.json;
      for (;;) {
        const auto s = collection_status(*store, *collection);
        const auto& d = s["document_processing"];
        const auto& i = s["item_generation"];
        const bool running = d["status"] == "processing" || i["status"] == "processing";
        if (g.json) {
          fmt::print("{}\n", s.dump());
        } else {
          if (tty) {
            fmt::print("\033[H\033[2J");
          }
          print_human(s, *collection);
        }
        std::fflush(stdout);
        if (!running) {
          const auto& last =
              i["status"] != "idle" && time_text(i["last_updated"]) >= time_text(d["last_updated"])
                  ? i
                  : d;
          return code_for(last["status"]);
        }
        for (int t = 0; t < 20; ++t) {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
          if (runner::pending_signal() != 0) {
            return static_cast<int>(ExitCode::cancelled);
          }
        }
      }
    };
  });
}

void register_history(CLI::App& app, Globals& g, Action& action)
{
  auto* cmd = app.add_subcommand(
      "history", "Past runs: task id, job, start, end, outcome, per-phase durations and counts");
  auto collection = std::make_shared<std::string>();
  cmd->add_option("COLLECTION", *collection, "Collection ID")->required();
  cmd->callback([&g, &action, collection] {
    action = [&g, collection] {
      auto store = open_store(g, state::StateStore::Open::existing);
      store->require_collection(*collection);
      const auto runs = store->runs(*collection);
      if (g.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& r : runs) {
          out.push_back({{"task_id", r.task_id},
                         {"job", state::to_string(r.job)},
                         {"started_at", r.started_at},
                         {"ended_at", r.ended_at},
                         {"outcome", r.outcome},
                         {"phases", r.phases}});
        }
        fmt::print("{}\n", out.dump(2));
        return 0;
      }
      for (const auto& r : runs) {
        fmt::print("{}  {:<9}  {}  ->  {}  {}\n", r.task_id, state::to_string(r.job), r.started_at,
                   r.ended_at.empty() ? "(running)" : r.ended_at, r.outcome);
        for (const auto& p : r.phases) {
          std::string counts;
          for (const auto& [k, v] : p["counts"].items()) {
            counts += fmt::format(" {}={}", k, v.dump());
          }
          fmt::print("    {:<20} {:<8} {:>8}{}\n", p["phase"].get<std::string>(),
                     p["status"].get<std::string>(),
                     util::human_duration(p["duration_ms"].get<double>() / 1000.0), counts);
        }
      }
      return 0;
    };
  });
}

void register_cancel(CLI::App& app, Globals& g, Action& action)
{
  auto* cmd = app.add_subcommand(
      "cancel", "Ask a running job to stop at its next unit of work, from any shell");
  auto collection = std::make_shared<std::string>();
  auto job = std::make_shared<std::string>();
  cmd->add_option("COLLECTION", *collection, "Collection ID")->required();
  cmd->add_option("--job", *job, "documents or items (default: whichever is running)");
  cmd->footer(
      "Sets the job's cancel flag in the state file and, when the owner runs on this host,\n"
      "signals it. The job rolls back its unfinished phase, keeps the extraction\n"
      "checkpoints, records status 'cancelled' and exits 130.");
  cmd->callback([&g, &action, collection, job] {
    action = [&g, collection, job] {
      auto store = open_store(g, state::StateStore::Open::existing);
      store->require_collection(*collection);
      JobKind kind = JobKind::documents;
      if (!job->empty()) {
        kind = parse_job(*job);
      } else if (store->job(*collection, JobKind::items).status == JobStatus::processing) {
        kind = JobKind::items;
      }
      state::JobRow row = store->job(*collection, kind);
      if (row.status != JobStatus::processing) {
        if (!g.quiet) {
          fmt::print("{}: {} is not running ({}): nothing to cancel\n", *collection,
                     state::to_string(kind), state::to_string(row.status));
        }
        return 0;
      }
      const auto lease = store->lease(*collection, kind);
      const auto me = runner::current_process();
      if (!lease || !runner::lease_is_live(*lease, util::now_ms(), 60000)) {
        // Nobody will see the flag: record the outcome here.
        state::Transaction tx(store->db());
        row.status = JobStatus::cancelled;
        row.last_updated = util::now_rfc3339();
        row.cancel_requested = false;
        store->put_job(row);
        tx.commit();
        if (!g.quiet) {
          fmt::print("{}: {} had no live owner; marked cancelled\n", *collection,
                     state::to_string(kind));
        }
        return 0;
      }
      {
        state::Transaction tx(store->db());
        store->set_cancel_requested(*collection, kind, true);
        tx.commit();
      }
      if (lease->host == me.host) {
        ::kill(static_cast<pid_t>(lease->pid), SIGUSR1);
      }
      if (!g.quiet) {
        fmt::print("{}: cancellation requested (pid {} on {})\n", *collection, lease->pid,
                   lease->host);
      }
      return 0;
    };
  });
}

} // namespace collproc::cli
