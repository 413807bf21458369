#pragma once
// The state file's schema. SQLite in WAL mode with a busy timeout; the
// version lives in PRAGMA user_version and every older file is migrated
// forward on open, one step at a time, each step in its own transaction.
// A file newer than k_schema_version is refused (an older collproc must not
// write to it).
//
// Tables (version 1):
//   collections(collection_id PK, created_at)
//   documents(document_id PK, collection_id, kind 'linesheet'|'po', filename,
//             format 'pdf'|'xlsx'|'csv', sha256, size, pages, added_at)
//       The bytes are the blob named sha256; the blob is written (and
//       fsynced) before the row is committed, so a row never names a
//       missing blob.
//   jobs(collection_id, job 'documents'|'items', status (JobStatus), task_id,
//        started_at, completed_at, last_updated, phase (1-based number of the
//        current phase, 0 before the first), error_message, error_phase,
//        error_details, cancel_requested)     PK (collection_id, job)
//   leases(collection_id, job, task_id, host, pid, proc_start, heartbeat_ms,
//          acquired_at)                       PK (collection_id, job)
//       Who runs a job now. A row whose owner is gone is stale (leases.hpp).
//   checkpoints(collection_id, phase, fingerprint, complete 0|1, counts JSON,
//               duration_ms, updated_at)       PK (collection_id, phase)
//       complete=0 means the phase started with this fingerprint and its
//       finished units are in outputs; complete=1 means every output of the
//       phase is committed. A fingerprint covers the phase's name and version,
//       its options, the hashes of the documents it reads and the
//       fingerprints of the phases before it, so changing any of them reruns
//       the phase and, through the chain, everything after it.
//   outputs(collection_id, phase, document_id, unit, payload JSON)
//       PK (collection_id, phase, document_id, unit). A phase's results: one
//       row per unit (a page for the extraction phases; unit 0 for whole
//       results). document_id is '' for collection-wide results. Per-unit
//       phases commit each unit with its row, which is the page checkpoint.
//   runs(task_id PK, collection_id, job, started_at, ended_at, outcome,
//        phases JSON [{phase, status, duration_ms, counts}])   for `history`
//
// Version 2 adds:
//   ai_cache(cache_key PK, endpoint, model, request JSON, response JSON,
//            prompt_tokens, completion_tokens, created_at)
//
// Version 3 adds:
//   sync_pushed(collection_id, remote, hash, pushed_at)   PK (collection_id, remote)
//       What `sync` last pushed: remote is a Firestore document's full
//       resource name or a Storage object's gs:// URL; hash is the SHA-256 of
//       the write sent (fields and mask) or the object's content. A row is
//       written only after the server confirmed the write, so a lost row only
//       means one idempotent write is sent again. Never holds a token or key.

namespace collproc::state {

constexpr int k_schema_version = 3;

// The SQL that takes a file from version N-1 to N, for N in 1..k_schema_version.
const char* migration_sql(int to_version);

} // namespace collproc::state
