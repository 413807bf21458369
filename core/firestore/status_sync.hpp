#pragma once
// `process --sync-status` / `generate-items --sync-status`: a Progress
// decorator that forwards every event to the printer and, from its own
// thread, keeps collections/{id}.processing_status current in Firestore (at
// every phase change, and at most every interval in between) and polls it
// every interval: when the web app has set this job's status to
// "cancelled", it trips the job's CancelToken as a local `cancel` would.
// The job never waits on the network: events only set a flag.

#include "core/firestore/client.hpp"
#include "core/runner/cancel.hpp"
#include "core/runner/progress.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace collproc::firestore {

class StatusSync final : public runner::Progress {
public:
  // Starts the thread. `state_path` is opened again there (one connection
  // per thread). `warn` hears, on the thread that calls finish(), why
  // pushes failed, if they did (tokens never appear in it).
  StatusSync(runner::Progress& inner, std::filesystem::path state_path, std::string collection,
             state::JobKind job, const Remote& remote, runner::CancelToken& cancel,
             std::function<void(const std::string&)> warn,
             std::chrono::milliseconds interval = std::chrono::milliseconds(2000));
  ~StatusSync() override;
  StatusSync(const StatusSync&) = delete;
  StatusSync& operator=(const StatusSync&) = delete;

  // Pushes the final status, stops the thread and reports a failure to
  // `warn`. Called by the destructor; later calls do nothing.
  void finish();
  // Whether the job was cancelled from Firestore.
  bool cancelled_remotely() const { return m_remote_cancel; }

  void job_started(const std::string& collection, state::JobKind job,
                   const std::string& task_id) override;
  void note(const std::string& text) override;
  void phase_started(const runner::PhaseEvent& e) override;
  void phase_skipped(const runner::PhaseEvent& e, const std::string& why) override;
  void units(const runner::PhaseEvent& e, int done, int total, const char* unit_name) override;
  void phase_finished(const runner::PhaseEvent& e, const nlohmann::json& counts,
                      double seconds) override;
  void job_finished(state::JobStatus status, const std::string& message) override;

private:
  void mark(bool urgent);
  void loop();
  // One poll: reads the remote status, honours a cancel, pushes when due.
  void cycle(state::StateStore& store, bool final);

  runner::Progress& m_inner;
  std::filesystem::path m_state_path;
  std::string m_collection;
  state::JobKind m_job;
  FirestoreClient m_firestore;
  runner::CancelToken& m_cancel;
  std::function<void(const std::string&)> m_warn;
  std::chrono::milliseconds m_interval;

  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_dirty = true;
  bool m_urgent = true;
  bool m_stop = false;
  bool m_finished = false;
  std::atomic<bool> m_remote_cancel{false};
  std::string m_error; // the first push failure
  std::thread m_thread;
};

} // namespace collproc::firestore
