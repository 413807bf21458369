#include "core/state/state_store.hpp"

#include "core/state/schema.hpp"
#include "core/util/error.hpp"
#include "core/util/time.hpp"

#include <fmt/format.h>

namespace collproc::state {

namespace fs = std::filesystem;
using model::DocumentKind;
using model::DocumentRecord;

namespace {

Database::Create create_flag(const fs::path& path, StateStore::Open mode)
{
  std::error_code ec;
  if (mode == StateStore::Open::existing && !fs::exists(path, ec)) {
    throw Error(ExitCode::not_found, path.string() + ": no state file here",
                "stage documents first with 'collproc add COLLECTION --linesheet FILE --po FILE', "
                "or pass --state PATH");
  }
  return mode == StateStore::Open::create ? Database::Create::yes : Database::Create::no;
}

DocumentRecord read_document(const Statement& s)
{
  DocumentRecord d;
  d.document_id = s.text(0);
  d.collection_id = s.text(1);
  d.kind = model::document_kind_from_string(s.text(2)).value_or(DocumentKind::linesheet);
  d.filename = s.text(3);
  d.format = s.text(4);
  d.sha256 = s.text(5);
  d.size = s.integer(6);
  d.pages = static_cast<int>(s.integer(7));
  d.added_at = s.text(8);
  return d;
}

constexpr const char* k_document_columns =
    "document_id, collection_id, kind, filename, format, sha256, size, pages, added_at";

} // namespace

std::string to_string(JobKind kind)
{
  return kind == JobKind::items ? "items" : "documents";
}

std::string to_string(JobStatus status)
{
  switch (status) {
  case JobStatus::idle:
    return "idle";
  case JobStatus::processing:
    return "processing";
  case JobStatus::completed:
    return "completed";
  case JobStatus::failed:
    return "failed";
  case JobStatus::cancelled:
    return "cancelled";
  }
  return "idle";
}

std::optional<JobKind> job_kind_from_string(const std::string& s)
{
  if (s == "documents") {
    return JobKind::documents;
  }
  if (s == "items") {
    return JobKind::items;
  }
  return std::nullopt;
}

void validate_collection_id(const std::string& id)
{
  const auto refuse = [&](const std::string& why) {
    throw Error(ExitCode::usage,
                fmt::format("'{}': invalid collection ID: {}", id.substr(0, 80), why),
                "use letters, digits, '-', '_' or '.', such as 'ss26-womens'");
  };
  if (id.empty()) {
    refuse("it is empty");
  }
  if (id.size() > 1500) {
    refuse("longer than 1500 bytes");
  }
  if (id == "." || id == "..") {
    refuse("'.' and '..' are not allowed");
  }
  if (id.size() >= 4 && id.starts_with("__") && id.ends_with("__")) {
    refuse("IDs of the form __name__ are reserved by Firestore");
  }
  for (const char c : id) {
    if (c == '/') {
      refuse("it contains '/'");
    }
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      refuse("it contains a control character");
    }
  }
}

fs::path blob_root_for(const fs::path& state_path)
{
  return fs::path(state_path.string() + ".blobs");
}

StateStore::StateStore(const fs::path& path, Open mode)
    : m_db(path, create_flag(path, mode)), m_blobs(blob_root_for(path))
{
  migrate();
}

int StateStore::schema_version()
{
  Statement s = m_db.prepare("PRAGMA user_version");
  s.step();
  return static_cast<int>(s.integer(0));
}

void StateStore::migrate()
{
  int version = schema_version();
  if (version > k_schema_version) {
    throw Error(ExitCode::job_failed,
                fmt::format("{}: state file has schema version {}, newer than this collproc's {}",
                            path().string(), version, k_schema_version),
                "upgrade collproc, or pass --state PATH for a new state file");
  }
  while (version < k_schema_version) {
    ++version;
    Transaction tx(m_db);
    m_db.exec(migration_sql(version));
    m_db.exec(fmt::format("PRAGMA user_version = {}", version).c_str());
    tx.commit();
  }
}

bool StateStore::has_collection(const std::string& id)
{
  Statement s = m_db.prepare("SELECT 1 FROM collections WHERE collection_id = ?");
  s.bind(1, id);
  return s.step();
}

void StateStore::require_collection(const std::string& id)
{
  if (!has_collection(id)) {
    throw Error(ExitCode::not_found, id + ": no such collection in " + path().string(),
                "stage its documents with 'collproc add " + id +
                    " --linesheet FILE --po FILE', or list collections with 'collproc status'");
  }
}

void StateStore::ensure_collection(const std::string& id)
{
  m_db.prepare("INSERT OR IGNORE INTO collections(collection_id, created_at) VALUES (?, ?)")
      .bind(1, id)
      .bind(2, util::now_rfc3339())
      .run();
}

std::vector<std::string> StateStore::collections()
{
  std::vector<std::string> out;
  Statement s = m_db.prepare("SELECT collection_id FROM collections ORDER BY collection_id");
  while (s.step()) {
    out.push_back(s.text(0));
  }
  return out;
}

std::vector<DocumentRecord> StateStore::documents(const std::string& collection)
{
  std::vector<DocumentRecord> out;
  Statement s = m_db.prepare(
      fmt::format("SELECT {} FROM documents WHERE collection_id = ? "
                  "ORDER BY CASE kind WHEN 'linesheet' THEN 0 ELSE 1 END, filename, document_id",
                  k_document_columns));
  s.bind(1, collection);
  while (s.step()) {
    out.push_back(read_document(s));
  }
  return out;
}

std::vector<DocumentRecord> StateStore::documents(const std::string& collection, DocumentKind kind)
{
  std::vector<DocumentRecord> out;
  for (auto& d : documents(collection)) {
    if (d.kind == kind) {
      out.push_back(std::move(d));
    }
  }
  return out;
}

std::optional<DocumentRecord> StateStore::document(const std::string& document_id)
{
  Statement s = m_db.prepare(
      fmt::format("SELECT {} FROM documents WHERE document_id = ?", k_document_columns));
  s.bind(1, document_id);
  if (!s.step()) {
    return std::nullopt;
  }
  return read_document(s);
}

void StateStore::put_document(const DocumentRecord& d)
{
  m_db.prepare(
          "INSERT OR REPLACE INTO documents(document_id, collection_id, kind, filename, format, "
          "sha256, size, pages, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, d.document_id)
      .bind(2, d.collection_id)
      .bind(3, model::to_string(d.kind))
      .bind(4, d.filename)
      .bind(5, d.format)
      .bind(6, d.sha256)
      .bind(7, d.size)
      .bind(8, d.pages)
      .bind(9, d.added_at)
      .run();
}

JobRow StateStore::job(const std::string& collection, JobKind kind)
{
  JobRow row;
  row.collection_id = collection;
  row.job = kind;
  Statement s = m_db.prepare(
      "SELECT status, task_id, started_at, completed_at, last_updated, phase, error_message, "
      "error_phase, error_details, cancel_requested FROM jobs WHERE collection_id = ? AND job = ?");
  s.bind(1, collection).bind(2, to_string(kind));
  if (s.step()) {
    row.status = static_cast<JobStatus>(s.integer(0));
    row.task_id = s.text(1);
    row.started_at = s.text(2);
    row.completed_at = s.text(3);
    row.last_updated = s.text(4);
    row.phase = static_cast<int>(s.integer(5));
    row.error_message = s.text(6);
    row.error_phase = static_cast<int>(s.integer(7));
    row.error_details = s.text(8);
    row.cancel_requested = s.integer(9) != 0;
  }
  return row;
}

void StateStore::put_job(const JobRow& r)
{
  m_db.prepare("INSERT OR REPLACE INTO jobs(collection_id, job, status, task_id, started_at, "
               "completed_at, last_updated, phase, error_message, error_phase, error_details, "
               "cancel_requested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, r.collection_id)
      .bind(2, to_string(r.job))
      .bind(3, static_cast<int>(r.status))
      .bind(4, r.task_id)
      .bind(5, r.started_at)
      .bind(6, r.completed_at)
      .bind(7, r.last_updated)
      .bind(8, r.phase)
      .bind(9, r.error_message)
      .bind(10, r.error_phase)
      .bind(11, r.error_details)
      .bind(12, r.cancel_requested ? 1 : 0)
      .run();
}

void StateStore::set_cancel_requested(const std::string& collection, JobKind kind, bool value)
{
  m_db.prepare("UPDATE jobs SET cancel_requested = ?, last_updated = ? WHERE collection_id = ? AND "
               "job = ?")
      .bind(1, value ? 1 : 0)
      .bind(2, util::now_rfc3339())
      .bind(3, collection)
      .bind(4, to_string(kind))
      .run();
}

std::optional<LeaseRow> StateStore::lease(const std::string& collection, JobKind kind)
{
  Statement s =
      m_db.prepare("SELECT task_id, host, pid, proc_start, heartbeat_ms, acquired_at FROM leases "
                   "WHERE collection_id = ? AND job = ?");
  s.bind(1, collection).bind(2, to_string(kind));
  if (!s.step()) {
    return std::nullopt;
  }
  LeaseRow row;
  row.collection_id = collection;
  row.job = kind;
  row.task_id = s.text(0);
  row.host = s.text(1);
  row.pid = s.integer(2);
  row.proc_start = s.integer(3);
  row.heartbeat_ms = s.integer(4);
  row.acquired_at = s.text(5);
  return row;
}

void StateStore::put_lease(const LeaseRow& r)
{
  m_db.prepare("INSERT OR REPLACE INTO leases(collection_id, job, task_id, host, pid, proc_start, "
               "heartbeat_ms, acquired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, r.collection_id)
      .bind(2, to_string(r.job))
      .bind(3, r.task_id)
      .bind(4, r.host)
      .bind(5, r.pid)
      .bind(6, r.proc_start)
      .bind(7, r.heartbeat_ms)
      .bind(8, r.acquired_at)
      .run();
}

bool StateStore::touch_lease(const std::string& collection, JobKind kind,
                             const std::string& task_id, int64_t now)
{
  m_db.prepare(
          "UPDATE leases SET heartbeat_ms = ? WHERE collection_id = ? AND job = ? AND task_id = ?")
      .bind(1, now)
      .bind(2, collection)
      .bind(3, to_string(kind))
      .bind(4, task_id)
      .run();
  return m_db.changes() > 0;
}

void StateStore::delete_lease(const std::string& collection, JobKind kind,
                              const std::string& task_id)
{
  m_db.prepare("DELETE FROM leases WHERE collection_id = ? AND job = ? AND task_id = ?")
      .bind(1, collection)
      .bind(2, to_string(kind))
      .bind(3, task_id)
      .run();
}

std::optional<CheckpointRow> StateStore::checkpoint(const std::string& collection,
                                                    const std::string& phase)
{
  Statement s =
      m_db.prepare("SELECT fingerprint, complete, counts, duration_ms, updated_at FROM checkpoints "
                   "WHERE collection_id = ? AND phase = ?");
  s.bind(1, collection).bind(2, phase);
  if (!s.step()) {
    return std::nullopt;
  }
  CheckpointRow row;
  row.phase = phase;
  row.fingerprint = s.text(0);
  row.complete = s.integer(1) != 0;
  row.counts = nlohmann::json::parse(s.text(2), nullptr, false);
  if (row.counts.is_discarded()) {
    row.counts = nlohmann::json::object();
  }
  row.duration_ms = s.integer(3);
  row.updated_at = s.text(4);
  return row;
}

void StateStore::put_checkpoint(const std::string& collection, const CheckpointRow& r)
{
  m_db.prepare(
          "INSERT OR REPLACE INTO checkpoints(collection_id, phase, fingerprint, complete, counts, "
          "duration_ms, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, collection)
      .bind(2, r.phase)
      .bind(3, r.fingerprint)
      .bind(4, r.complete ? 1 : 0)
      .bind(5, r.counts.dump())
      .bind(6, r.duration_ms)
      .bind(7, r.updated_at.empty() ? util::now_rfc3339() : r.updated_at)
      .run();
}

void StateStore::clear_phase(const std::string& collection, const std::string& phase)
{
  m_db.prepare("DELETE FROM outputs WHERE collection_id = ? AND phase = ?")
      .bind(1, collection)
      .bind(2, phase)
      .run();
  m_db.prepare("DELETE FROM checkpoints WHERE collection_id = ? AND phase = ?")
      .bind(1, collection)
      .bind(2, phase)
      .run();
}

void StateStore::put_output(const std::string& collection, const std::string& phase,
                            const std::string& document_id, int unit, const std::string& payload)
{
  m_db.prepare("INSERT OR REPLACE INTO outputs(collection_id, phase, document_id, unit, payload) "
               "VALUES (?, ?, ?, ?, ?)")
      .bind(1, collection)
      .bind(2, phase)
      .bind(3, document_id)
      .bind(4, unit)
      .bind(5, payload)
      .run();
}

std::optional<std::string> StateStore::output(const std::string& collection,
                                              const std::string& phase,
                                              const std::string& document_id, int unit)
{
  Statement s = m_db.prepare("SELECT payload FROM outputs WHERE collection_id = ? AND phase = ? "
                             "AND document_id = ? AND unit = ?");
  s.bind(1, collection).bind(2, phase).bind(3, document_id).bind(4, unit);
  if (!s.step()) {
    return std::nullopt;
  }
  return s.text(0);
}

std::vector<OutputRow> StateStore::outputs(const std::string& collection, const std::string& phase)
{
  std::vector<OutputRow> out;
  Statement s =
      m_db.prepare("SELECT document_id, unit, payload FROM outputs WHERE collection_id = ? "
                   "AND phase = ? ORDER BY document_id, unit");
  s.bind(1, collection).bind(2, phase);
  while (s.step()) {
    out.push_back({s.text(0), static_cast<int>(s.integer(1)), s.text(2)});
  }
  return out;
}

std::vector<OutputRow> StateStore::outputs(const std::string& collection, const std::string& phase,
                                           const std::string& document_id)
{
  std::vector<OutputRow> out;
  each_output(collection, phase, document_id,
              [&out](OutputRow&& row) { out.push_back(std::move(row)); });
  return out;
}

void StateStore::each_output(const std::string& collection, const std::string& phase,
                             const std::string& document_id,
                             const std::function<void(OutputRow&&)>& fn)
{
  Statement s =
      m_db.prepare("SELECT document_id, unit, payload FROM outputs WHERE collection_id = ? "
                   "AND phase = ? AND document_id = ? ORDER BY unit");
  s.bind(1, collection).bind(2, phase).bind(3, document_id);
  while (s.step()) {
    fn({s.text(0), static_cast<int>(s.integer(1)), s.text(2)});
  }
}

void StateStore::put_run(const RunRow& r)
{
  m_db.prepare(
          "INSERT OR REPLACE INTO runs(task_id, collection_id, job, started_at, ended_at, outcome, "
          "phases) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, r.task_id)
      .bind(2, r.collection_id)
      .bind(3, to_string(r.job))
      .bind(4, r.started_at)
      .bind(5, r.ended_at)
      .bind(6, r.outcome)
      .bind(7, r.phases.dump())
      .run();
}

std::vector<RunRow> StateStore::runs(const std::string& collection)
{
  std::vector<RunRow> out;
  Statement s = m_db.prepare("SELECT task_id, job, started_at, ended_at, outcome, phases FROM runs "
                             "WHERE collection_id = ? ORDER BY started_at, task_id");
  s.bind(1, collection);
  while (s.step()) {
    RunRow r;
    r.task_id = s.text(0);
    r.collection_id = collection;
    r.job = job_kind_from_string(s.text(1)).value_or(JobKind::documents);
    r.started_at = s.text(2);
    r.ended_at = s.text(3);
    r.outcome = s.text(4);
    r.phases = nlohmann::json::parse(s.text(5), nullptr, false);
    if (r.phases.is_discarded()) {
      r.phases = nlohmann::json::array();
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::map<std::string, std::string> StateStore::pushed(const std::string& collection)
{
  std::map<std::string, std::string> out;
  Statement s = m_db.prepare("SELECT remote, hash FROM sync_pushed WHERE collection_id = ?");
  s.bind(1, collection);
  while (s.step()) {
    out.emplace(s.text(0), s.text(1));
  }
  return out;
}

void StateStore::put_pushed(const std::string& collection, const std::string& remote,
                            const std::string& hash)
{
  if (hash.empty()) {
    m_db.prepare("DELETE FROM sync_pushed WHERE collection_id = ? AND remote = ?")
        .bind(1, collection)
        .bind(2, remote)
        .run();
    return;
  }
  m_db.prepare("INSERT OR REPLACE INTO sync_pushed(collection_id, remote, hash, pushed_at) VALUES "
               "(?, ?, ?, ?)")
      .bind(1, collection)
      .bind(2, remote)
      .bind(3, hash)
      .bind(4, util::now_rfc3339())
      .run();
}

std::optional<AiCacheRow> StateStore::ai_reply(const std::string& cache_key)
{
  Statement s = m_db.prepare("SELECT cache_key, endpoint, model, request, response, prompt_tokens, "
                             "completion_tokens, created_at FROM ai_cache WHERE cache_key = ?");
  s.bind(1, cache_key);
  if (!s.step()) {
    return std::nullopt;
  }
  return AiCacheRow{s.text(0), s.text(1),    s.text(2),    s.text(3),
                    s.text(4), s.integer(5), s.integer(6), s.text(7)};
}

void StateStore::put_ai_reply(const AiCacheRow& row)
{
  m_db.prepare("INSERT OR REPLACE INTO ai_cache(cache_key, endpoint, model, request, response, "
               "prompt_tokens, "
               "completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, row.cache_key)
      .bind(2, row.endpoint)
      .bind(3, row.model)
      .bind(4, row.request)
      .bind(5, row.response)
      .bind(6, row.prompt_tokens)
      .bind(7, row.completion_tokens)
      .bind(8, row.created_at.empty() ? util::now_rfc3339() : row.created_at)
      .run();
}

} // namespace collproc::state
