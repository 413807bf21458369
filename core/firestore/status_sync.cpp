#include "core/firestore/status_sync.hpp"

#include "core/firestore/sync.hpp"
#include "core/firestore/value.hpp"
#include "core/util/child.hpp"
#include "core/util/error.hpp"

#include <fmt/format.h>

namespace collproc::firestore {

using nlohmann::json;

namespace {

const char* job_key(state::JobKind job)
{
  return job == state::JobKind::documents ? "document_processing" : "item_generation";
}

// The web app or another writer changed the document since we read it.
bool precondition_failed(const HttpResponse& r)
{
  const std::string message = server_message(r);
  return r.status == 409 || r.status == 404 ||
         (r.status == 400 && message.rfind("FAILED_PRECONDITION", 0) == 0);
}

} // namespace

StatusSync::StatusSync(runner::Progress& inner, std::filesystem::path state_path,
                       std::string collection, state::JobKind job, const Remote& remote,
                       runner::CancelToken& cancel, std::function<void(const std::string&)> warn,
                       std::chrono::milliseconds interval)
    : m_inner(inner), m_state_path(std::move(state_path)), m_collection(std::move(collection)),
      m_job(job), m_firestore(remote), m_cancel(cancel), m_warn(std::move(warn)),
      m_interval(interval), m_thread([this] { loop(); })
{
}

StatusSync::~StatusSync()
{
  try {
    finish();
  } catch (...) {
    // A destructor must not throw; finish() only reports through m_warn.
  }
}

void StatusSync::finish()
{
  {
    std::lock_guard lock(m_mutex);
    if (m_finished) {
      return;
    }
    m_finished = true;
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
  if (!m_error.empty() && m_warn) {
    m_warn(m_error);
  }
}

void StatusSync::mark(bool urgent)
{
  {
    std::lock_guard lock(m_mutex);
    m_dirty = true;
    m_urgent = m_urgent || urgent;
  }
  if (urgent) {
    m_wake.notify_all();
  }
}

void StatusSync::job_started(const std::string& collection, state::JobKind job,
                             const std::string& task_id)
{
  m_inner.job_started(collection, job, task_id);
  mark(true);
}

void StatusSync::note(const std::string& text)
{
  m_inner.note(text);
}

void StatusSync::phase_started(const runner::PhaseEvent& e)
{
  m_inner.phase_started(e);
  mark(true);
}

void StatusSync::phase_skipped(const runner::PhaseEvent& e, const std::string& why)
{
  m_inner.phase_skipped(e, why);
  mark(true);
}

void StatusSync::units(const runner::PhaseEvent& e, int done, int total, const char* unit_name)
{
  m_inner.units(e, done, total, unit_name);
  mark(false);
}

void StatusSync::phase_finished(const runner::PhaseEvent& e, const nlohmann::json& counts,
                                double seconds)
{
  m_inner.phase_finished(e, counts, seconds);
  mark(true);
}

void StatusSync::job_finished(state::JobStatus status, const std::string& message)
{
  m_inner.job_finished(status, message);
  mark(true);
}

void StatusSync::loop()
{
  std::unique_ptr<state::StateStore> store;
  auto next = std::chrono::steady_clock::now();
  for (;;) {
    bool final = false;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait_until(lock, next, [this] { return m_stop || m_urgent; });
      final = m_stop;
      m_urgent = false;
    }
    try {
      // Not while the job forks a worker: the child would inherit whatever
      // lock this thread holds (OpenSSL's, libcurl's, the allocator's).
      const std::lock_guard no_fork(util::fork_mutex());
      if (!store) {
        store =
            std::make_unique<state::StateStore>(m_state_path, state::StateStore::Open::existing);
      }
      cycle(*store, final);
    } catch (const std::exception& e) {
      // Keep going: the next cycle may succeed; report the first failure.
      std::lock_guard lock(m_mutex);
      if (m_error.empty()) {
        m_error = e.what();
      }
    }
    if (final) {
      return;
    }
    next = std::chrono::steady_clock::now() + m_interval;
  }
}

void StatusSync::cycle(state::StateStore& store, bool final)
{
  const std::string path = "collections/" + m_collection;
  // A few rounds at most: each lost race with another writer means a fresh read.
  for (int round = 0; round < 4; ++round) {
    const auto doc = m_firestore.get(path, {"processing_status"});
    const state::JobRow local = store.job(m_collection, m_job);
    if (doc && !final && local.status == state::JobStatus::processing) {
      const json remote = decode_fields(doc->value("fields", json::object()));
      const json mine =
          remote.value("processing_status", json::object()).value(job_key(m_job), json::object());
      const std::string task = mine.value("task_id", "");
      // Only a cancel of this very run counts; a "cancelled" left from an
      // earlier run names another task.
      if (mine.value("status", "") == "cancelled" && (task.empty() || task == local.task_id)) {
        m_remote_cancel = true;
        m_cancel.request(runner::CancelReason::requested);
        return;
      }
    }
    bool due = false;
    {
      std::lock_guard lock(m_mutex);
      due = m_dirty || final;
      m_dirty = false;
    }
    if (!due) {
      return;
    }
    json write = {
        {"update",
         {{"name", m_firestore.root() + "/" + path},
          {"fields", encode_fields({{"processing_status", processing_status(store, m_collection)}},
                                   status_timestamp_keys())}}},
        {"updateMask", {{"fieldPaths", {"processing_status"}}}}};
    // Written only over the version just read, so a cancel the web app
    // writes in between is never overwritten unseen.
    write["currentDocument"] =
        doc ? json{{"updateTime", doc->value("updateTime", "")}} : json{{"exists", false}};
    const HttpResponse r = m_firestore.commit_response(json::array({write}));
    if (r.status == 200) {
      return;
    }
    {
      std::lock_guard lock(m_mutex);
      m_dirty = true;
    }
    if (!precondition_failed(r)) {
      throw Error(ExitCode::job_failed,
                  fmt::format("{}: --sync-status: status push refused (HTTP {}): {}", m_collection,
                              r.status, server_message(r)),
                  "");
    }
  }
}

} // namespace collproc::firestore
