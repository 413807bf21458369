#pragma once
// `collproc sync`: SPEC §6. The export (ops/export.hpp) becomes Firestore
// documents and Storage objects:
//   collections/{id}                        categories, processing_status (masked)
//   collections/{id}/documents/{document}   structured_products (masked)
//   collections/{id}/items/{item}           the item's fields (masked)
//   gs://BUCKET/collections/{id}/images/{sha256}.{ext}   each image, once
// Image paths in products and items name the gs:// URL. The state file
// remembers a hash of each write the server confirmed (sync_pushed), so only
// changes go out, and a sync cut short anywhere finishes on the next run
// with nothing lost or duplicated (every write is an idempotent update,
// delete or ifGenerationMatch=0 upload).

#include "core/firestore/client.hpp"
#include "core/state/state_store.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace collproc::firestore {

struct PlannedImage {
  std::string sha256;
  std::string object; // "collections/{id}/images/{sha256}.{ext}"
  std::string remote; // "gs://BUCKET/" + object
  std::string content_type;
};

struct PlannedWrite {
  enum class Kind { update, remove };
  Kind kind = Kind::update;
  std::string path;     // below .../documents: "collections/ss26/items/it-1"
  std::string remote;   // full resource name
  nlohmann::json write; // a google.firestore.v1.Write
  std::string hash;     // SHA-256 of write; "" for a delete
  int64_t size = 0;     // document_size of an update
};

struct SyncPlan {
  std::vector<PlannedImage> images; // images not yet pushed
  std::vector<PlannedWrite> writes; // updates not yet pushed, then deletes
  int unchanged = 0;                // documents and images already pushed as they are
};

// Everything the remote should hold, from an export and its SPEC §4 status
// object (pure: for tests and --dry-run). `root` is
// "projects/P/databases/(default)/documents". Throws Error(job_failed)
// naming the collection and document when a document would exceed
// Firestore's 1 MiB limit, before anything is sent.
SyncPlan desired_state(const nlohmann::json& exported, const nlohmann::json& processing_status,
                       const std::string& root, const std::string& bucket);

// desired_state minus what `pushed` (remote -> hash) says the remote holds,
// plus deletes for items pushed before that no longer exist locally and
// clearing writes for documents no longer staged.
SyncPlan pending(const SyncPlan& desired, const std::map<std::string, std::string>& pushed,
                 const std::string& root, const std::string& collection);

// Resend::all forgets the recorded hashes (not which items were pushed, so
// deletes still happen): for a remote wiped or edited by hand.
enum class Resend { changed, all };

// The plan for a collection in the state file. Throws Error(not_found) for
// an unknown collection.
SyncPlan plan_sync(state::StateStore& store, const std::string& collection, const std::string& root,
                   const std::string& bucket, Resend resend = Resend::changed);

struct SyncResult {
  int images_uploaded = 0;
  int images_present = 0; // found in the bucket already
  int updates = 0;
  int deletes = 0;
  int commits = 0;
};

// Uploads the plan's images, then commits its writes in batches of at most
// batch_size (<= 500), recording each confirmed write in the state file.
// `step` hears a short line per request, for --verbose. Throws
// Error(unavailable/job_failed) from the clients, Cancelled on a signal.
SyncResult push(state::StateStore& store, const std::string& collection, const SyncPlan& plan,
                FirestoreClient& firestore, StorageClient& storage, std::size_t batch_size,
                const std::function<void(const std::string&)>& step);

// processing_status for collections/{id}: both jobs' SPEC §4 objects.
nlohmann::json processing_status(state::StateStore& store, const std::string& collection);

// The keys of processing_status that are timestamps in Firestore.
const std::set<std::string>& status_timestamp_keys();

} // namespace collproc::firestore
