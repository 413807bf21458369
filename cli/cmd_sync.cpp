// collproc sync COLLECTION [--dry-run]: push results to Firestore and images
// to Storage (SPEC §6); and --sync-status for process and generate-items.

#include "cli/globals.hpp"
#include "core/firestore/status_sync.hpp"
#include "core/firestore/sync.hpp"
#include "core/firestore/value.hpp"

#include <fmt/format.h>

namespace collproc::cli {

namespace {

struct SyncOptions {
  std::string collection;
  bool dry_run = false;
  bool full = false;
  std::string project;
  std::string bucket;
  std::size_t batch_size = firestore::k_max_writes_per_commit;
  int retries = 5;
  double timeout_s = 60;
};

void print_plan(const firestore::SyncPlan& plan, bool json)
{
  if (json) {
    nlohmann::json images = nlohmann::json::array();
    for (const auto& i : plan.images) {
      images.push_back(
          {{"object", i.remote}, {"content_type", i.content_type}, {"sha256", i.sha256}});
    }
    nlohmann::json writes = nlohmann::json::array();
    for (const auto& w : plan.writes) {
      writes.push_back(w.write);
    }
    fmt::print(
        "{}\n",
        nlohmann::json{{"uploads", images}, {"writes", writes}, {"unchanged", plan.unchanged}}.dump(
            2));
    return;
  }
  for (const auto& i : plan.images) {
    fmt::print("upload {} ({})\n", i.remote, i.content_type);
  }
  for (const auto& w : plan.writes) {
    if (w.kind == firestore::PlannedWrite::Kind::remove) {
      fmt::print("delete {}\n", w.path);
    } else {
      std::string mask;
      for (const auto& f : w.write["updateMask"]["fieldPaths"]) {
        mask += (mask.empty() ? "" : ",") + f.get<std::string>();
      }
      fmt::print("update {} [{}] ({} bytes)\n", w.path, mask, w.size);
    }
  }
  fmt::print("{} uploads, {} writes, {} unchanged\n", plan.images.size(), plan.writes.size(),
             plan.unchanged);
}

int run_sync(const Globals& g, const SyncOptions& o)
{
  if (o.batch_size < 1 || o.batch_size > firestore::k_max_writes_per_commit) {
    throw Error(ExitCode::usage, fmt::format("--batch-size {}: must be 1 to 500", o.batch_size),
                "Firestore takes at most 500 writes per commit");
  }
  auto store = open_store(g, state::StateStore::Open::existing);
  store->require_collection(o.collection);
  const auto policy = firestore::retry_policy_from_environment(
      o.retries + 1, static_cast<int64_t>(o.timeout_s * 1000));
  const auto remote = firestore::remote_from_environment(o.project, o.bucket, true, policy);
  firestore::FirestoreClient fs(remote);
  firestore::StorageClient storage(remote);
  const auto plan =
      firestore::plan_sync(*store, o.collection, fs.root(), remote.config.bucket,
                           o.full ? firestore::Resend::all : firestore::Resend::changed);
  if (o.dry_run) {
    print_plan(plan, g.json);
    return 0;
  }
  const auto step = [&g](const std::string& line) {
    if (g.verbose > 0) {
      fmt::print(stderr, "collproc: sync: {}\n", line);
    }
  };
  const auto result = firestore::push(*store, o.collection, plan, fs, storage, o.batch_size, step);
  if (g.json) {
    fmt::print("{}\n", nlohmann::json{{"collection_id", o.collection},
                                      {"project", remote.config.project},
                                      {"bucket", remote.config.bucket},
                                      {"images_uploaded", result.images_uploaded},
                                      {"images_present", result.images_present},
                                      {"documents_updated", result.updates},
                                      {"documents_deleted", result.deletes},
                                      {"unchanged", plan.unchanged},
                                      {"commits", result.commits}}
                           .dump(2));
  } else if (!g.quiet) {
    fmt::print("{}: synced to {}: {} images uploaded ({} already there), {} documents updated, {} "
               "deleted, "
               "{} unchanged\n",
               o.collection, remote.config.project, result.images_uploaded, result.images_present,
               result.updates, result.deletes, plan.unchanged);
  }
  return 0;
}

} // namespace

void register_sync(CLI::App& app, Globals& g, Action& action)
{
  auto* cmd =
      app.add_subcommand("sync", "Push results to Firestore and images to Firebase Storage");
  auto o = std::make_shared<SyncOptions>();
  cmd->add_option("COLLECTION", o->collection, "Collection ID")->required();
  cmd->add_flag("--dry-run", o->dry_run,
                "Print the uploads and writes a sync would make, send nothing");
  cmd->add_flag(
      "--full", o->full,
      "Send every document and check every image again, whatever the state file remembers");
  cmd->add_option("--project", o->project,
                  "Firestore project (default: $GOOGLE_CLOUD_PROJECT, else the key's)");
  cmd->add_option("--bucket", o->bucket, "Storage bucket for images (default: $COLLPROC_BUCKET)");
  cmd->add_option("--batch-size", o->batch_size,
                  "Writes per documents:commit, 1 to 500 (default 500)");
  cmd->add_option("--retries", o->retries,
                  "Retries of a request that failed for a passing reason (default 5)")
      ->check(CLI::Range(0, 20));
  cmd->add_option("--timeout", o->timeout_s, "Seconds one request may take (default 60)")
      ->check(CLI::Range(0.1, 3600.0));
  cmd->footer(
      "Writes collections/{id} (categories, processing_status), .../documents/{document_id}\n"
      "(structured_products) and .../items/{item_id}; uploads images to\n"
      "gs://BUCKET/collections/{id}/images/{sha256}.{ext}, the URL products and items name.\n"
      "Only changes since the last sync go out; items gone locally are deleted remotely.\n"
      "Credentials: $GOOGLE_APPLICATION_CREDENTIALS (service-account JSON), or the emulators\n"
      "in $FIRESTORE_EMULATOR_HOST and $STORAGE_EMULATOR_HOST.");
  cmd->callback([&g, &action, o] { action = [&g, o] { return run_sync(g, *o); }; });
}

std::unique_ptr<runner::Progress> sync_status_progress(const Globals& g, runner::Progress& inner,
                                                       state::StateStore& store,
                                                       const runner::RunRequest& request,
                                                       runner::CancelToken& token)
{
  const auto policy = firestore::retry_policy_from_environment(3, 10000);
  const auto remote = firestore::remote_from_environment("", "", false, policy);
  const bool quiet = g.quiet;
  return std::make_unique<firestore::StatusSync>(
      inner, store.path(), request.collection, request.job, remote, token,
      [quiet](const std::string& why) {
        if (!quiet) {
          fmt::print(stderr, "collproc: warning: {}\n", why);
        }
      });
}

} // namespace collproc::cli
