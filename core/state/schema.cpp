#include "core/state/schema.hpp"

namespace collproc::state {

namespace {

constexpr const char* k_v1 = R"sql(
CREATE TABLE collections (
  collection_id TEXT PRIMARY KEY,
  created_at    TEXT NOT NULL
);
CREATE TABLE documents (
  document_id   TEXT PRIMARY KEY,
  collection_id TEXT NOT NULL REFERENCES collections(collection_id) ON DELETE CASCADE,
  kind          TEXT NOT NULL CHECK (kind IN ('linesheet', 'po')),
  filename      TEXT NOT NULL,
  format        TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  size          INTEGER NOT NULL,
  pages         INTEGER NOT NULL DEFAULT 0,
  added_at      TEXT NOT NULL
);
CREATE INDEX documents_by_collection ON documents(collection_id, kind, filename);
CREATE TABLE jobs (
  collection_id    TEXT NOT NULL REFERENCES collections(collection_id) ON DELETE CASCADE,
  job              TEXT NOT NULL CHECK (job IN ('documents', 'items')),
  status           INTEGER NOT NULL DEFAULT 0,
  task_id          TEXT NOT NULL DEFAULT '',
  started_at       TEXT NOT NULL DEFAULT '',
  completed_at     TEXT NOT NULL DEFAULT '',
  last_updated     TEXT NOT NULL DEFAULT '',
  phase            INTEGER NOT NULL DEFAULT 0,
  error_message    TEXT NOT NULL DEFAULT '',
  error_phase      INTEGER NOT NULL DEFAULT 0,
  error_details    TEXT NOT NULL DEFAULT '',
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (collection_id, job)
);
CREATE TABLE leases (
  collection_id TEXT NOT NULL,
  job           TEXT NOT NULL,
  task_id       TEXT NOT NULL,
  host          TEXT NOT NULL,
  pid           INTEGER NOT NULL,
  proc_start    INTEGER NOT NULL,
  heartbeat_ms  INTEGER NOT NULL,
  acquired_at   TEXT NOT NULL,
  PRIMARY KEY (collection_id, job)
);
CREATE TABLE checkpoints (
  collection_id TEXT NOT NULL,
  phase         TEXT NOT NULL,
  fingerprint   TEXT NOT NULL,
  complete      INTEGER NOT NULL DEFAULT 0,
  counts        TEXT NOT NULL DEFAULT '{}',
  duration_ms   INTEGER NOT NULL DEFAULT 0,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (collection_id, phase)
);
CREATE TABLE outputs (
  collection_id TEXT NOT NULL,
  phase         TEXT NOT NULL,
  document_id   TEXT NOT NULL,
  unit          INTEGER NOT NULL,
  payload       TEXT NOT NULL,
  PRIMARY KEY (collection_id, phase, document_id, unit)
);
CREATE TABLE runs (
  task_id       TEXT PRIMARY KEY,
  collection_id TEXT NOT NULL,
  job           TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  ended_at      TEXT NOT NULL DEFAULT '',
  outcome       TEXT NOT NULL DEFAULT 'processing',
  phases        TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX runs_by_collection ON runs(collection_id, started_at);
)sql";

constexpr const char* k_v2 = R"sql(
CREATE TABLE ai_cache (
  cache_key         TEXT PRIMARY KEY,
  endpoint          TEXT NOT NULL,
  model             TEXT NOT NULL,
  request           TEXT NOT NULL,
  response          TEXT NOT NULL,
  prompt_tokens     INTEGER NOT NULL DEFAULT 0,
  completion_tokens INTEGER NOT NULL DEFAULT 0,
  created_at        TEXT NOT NULL
);
)sql";

constexpr const char* k_v3 = R"sql(
CREATE TABLE sync_pushed (
  collection_id TEXT NOT NULL,
  remote        TEXT NOT NULL,
  hash          TEXT NOT NULL,
  pushed_at     TEXT NOT NULL,
  PRIMARY KEY (collection_id, remote)
);
)sql";

} // namespace

const char* migration_sql(int to_version)
{
  switch (to_version) {
  case 1:
    return k_v1;
  case 2:
    return k_v2;
  case 3:
    return k_v3;
  default:
    return nullptr;
  }
}

} // namespace collproc::state
