#pragma once
// The state file (SQLite, schema in schema.hpp) and its blob store. Every
// read and write of collproc's state goes through here; all SQL is
// parameterised. One StateStore is one connection: use one per thread.

#include "core/model/types.hpp"
#include "core/state/blob_store.hpp"
#include "core/state/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collproc::state {

enum class JobKind { documents = 0, items = 1 };
enum class JobStatus { idle = 0, processing = 1, completed = 2, failed = 3, cancelled = 4 };

std::string to_string(JobKind);   // "documents" / "items"
std::string to_string(JobStatus); // "idle", "processing", ...
std::optional<JobKind> job_kind_from_string(const std::string&);

struct JobRow {
  std::string collection_id;
  JobKind job = JobKind::documents;
  JobStatus status = JobStatus::idle;
  std::string task_id, started_at, completed_at, last_updated;
  int phase = 0; // 1-based current phase number
  std::string error_message;
  int error_phase = 0;
  std::string error_details;
  bool cancel_requested = false;
};

struct LeaseRow {
  std::string collection_id;
  JobKind job = JobKind::documents;
  std::string task_id;
  std::string host;
  int64_t pid = 0;
  int64_t proc_start = 0;
  int64_t heartbeat_ms = 0;
  std::string acquired_at;
};

struct CheckpointRow {
  std::string phase;
  std::string fingerprint;
  bool complete = false;
  nlohmann::json counts = nlohmann::json::object();
  int64_t duration_ms = 0;
  std::string updated_at;
};

struct OutputRow {
  std::string document_id;
  int unit = 0;
  std::string payload;
};

struct RunRow {
  std::string task_id, collection_id;
  JobKind job = JobKind::documents;
  std::string started_at, ended_at, outcome;
  nlohmann::json phases = nlohmann::json::array();
};

// One reply of the openai engine's cache (table ai_cache). request holds the
// request body as sent, which never holds the API key.
struct AiCacheRow {
  std::string cache_key, endpoint, model, request, response;
  int64_t prompt_tokens = 0, completion_tokens = 0;
  std::string created_at;
};

// Throws Error(usage) saying why when id is not a valid collection ID: it must
// also be a valid Firestore document ID (no '/', not '.' or '..', not
// '__x__', at most 1500 bytes, no control characters, not empty).
void validate_collection_id(const std::string& id);

class StateStore {
public:
  enum class Open { existing, create };
  // Opens the state file and migrates it to k_schema_version. With
  // Open::existing a missing file is Error(not_found) with a hint.
  StateStore(const std::filesystem::path& path, Open mode);

  int schema_version();
  Database& db() { return m_db; }
  BlobStore& blobs() { return m_blobs; }
  const std::filesystem::path& path() const { return m_db.path(); }

  // Collections.
  bool has_collection(const std::string& id);
  void ensure_collection(const std::string& id); // inside the caller's transaction
  std::vector<std::string> collections();
  // Throws Error(not_found) naming the collection, with a hint, when absent.
  void require_collection(const std::string& id);

  // Documents, ordered by kind (linesheets first), filename, document_id.
  std::vector<model::DocumentRecord> documents(const std::string& collection);
  std::vector<model::DocumentRecord> documents(const std::string& collection,
                                               model::DocumentKind kind);
  std::optional<model::DocumentRecord> document(const std::string& document_id);
  void put_document(const model::DocumentRecord& doc);

  // Jobs (a missing row reads as idle).
  JobRow job(const std::string& collection, JobKind kind);
  void put_job(const JobRow& row);
  void set_cancel_requested(const std::string& collection, JobKind kind, bool value);

  // Leases.
  std::optional<LeaseRow> lease(const std::string& collection, JobKind kind);
  void put_lease(const LeaseRow& row);
  // Refreshes the heartbeat of a lease this process holds; false when the
  // lease is no longer ours (taken over or released).
  bool touch_lease(const std::string& collection, JobKind kind, const std::string& task_id,
                   int64_t now_ms);
  void delete_lease(const std::string& collection, JobKind kind, const std::string& task_id);

  // Checkpoints and outputs.
  std::optional<CheckpointRow> checkpoint(const std::string& collection, const std::string& phase);
  void put_checkpoint(const std::string& collection, const CheckpointRow& row);
  // Deletes the phase's checkpoint and every output row.
  void clear_phase(const std::string& collection, const std::string& phase);
  void put_output(const std::string& collection, const std::string& phase,
                  const std::string& document_id, int unit, const std::string& payload);
  std::optional<std::string> output(const std::string& collection, const std::string& phase,
                                    const std::string& document_id, int unit);
  // Ordered by document_id, then unit.
  std::vector<OutputRow> outputs(const std::string& collection, const std::string& phase);
  std::vector<OutputRow> outputs(const std::string& collection, const std::string& phase,
                                 const std::string& document_id);
  // The same rows one at a time, in unit order, so a reader need not hold
  // every payload at once; fn may throw to stop.
  void each_output(const std::string& collection, const std::string& phase,
                   const std::string& document_id, const std::function<void(OutputRow&&)>& fn);

  // Runs, for `history` (newest last).
  void put_run(const RunRow& run);
  std::vector<RunRow> runs(const std::string& collection);

  // The openai engine's reply cache (schema v2 ai_cache), by cache_key.
  std::optional<AiCacheRow> ai_reply(const std::string& cache_key);
  // Inserts or replaces a reply (autocommit unless in a transaction).
  void put_ai_reply(const AiCacheRow& row);

  // Sync bookkeeping (schema v3 sync_pushed): what `sync` last pushed to
  // each remote (document resource name or gs:// URL), as remote -> hash.
  std::map<std::string, std::string> pushed(const std::string& collection);
  // Records a confirmed push; an empty hash forgets the remote (deleted).
  void put_pushed(const std::string& collection, const std::string& remote,
                  const std::string& hash);

private:
  void migrate();
  Database m_db;
  BlobStore m_blobs;
};

// The blob directory of a state file: "<state>.blobs".
std::filesystem::path blob_root_for(const std::filesystem::path& state_path);

} // namespace collproc::state
