#include "core/firestore/sync.hpp"

#include "core/firestore/value.hpp"
#include "core/ops/export.hpp"
#include "core/phases/catalog.hpp"
#include "core/runner/cancel.hpp"
#include "core/runner/job_runner.hpp"
#include "core/util/error.hpp"
#include "core/util/hash.hpp"
#include "core/util/test_hooks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace collproc::firestore {

using nlohmann::json;

namespace {

// "images/<sha>.<ext>" (the export's path) -> the Storage object for it.
struct ImageRef {
  std::string sha256, extension, object, remote;
};

ImageRef image_ref(const std::string& export_path, const std::string& collection,
                   const std::string& bucket)
{
  const std::string file = export_path.substr(export_path.rfind('/') + 1);
  const auto dot = file.find('.');
  ImageRef r;
  r.sha256 = file.substr(0, dot);
  r.extension = dot == std::string::npos ? "" : file.substr(dot + 1);
  r.object = fmt::format("collections/{}/images/{}", collection, file);
  r.remote = fmt::format("gs://{}/{}", bucket, r.object);
  return r;
}

PlannedWrite update(const std::string& root, const std::string& path, const json& fields,
                    const std::vector<std::string>& mask,
                    const std::set<std::string>& timestamp_keys)
{
  PlannedWrite w;
  w.path = path;
  w.remote = root + "/" + path;
  json encoded = encode_fields(fields, timestamp_keys);
  w.size = document_size(path, encoded);
  json paths = json::array();
  for (const auto& m : mask) {
    paths.push_back(quote_segment(m));
  }
  w.write = {{"update", {{"name", w.remote}, {"fields", std::move(encoded)}}},
             {"updateMask", {{"fieldPaths", paths}}}};
  w.hash = util::sha256_hex(w.write.dump());
  return w;
}

void check_size(const PlannedWrite& w, const std::string& subject, const std::string& hint)
{
  if (w.size > k_max_document_bytes) {
    throw Error(
        ExitCode::job_failed,
        fmt::format(
            "{}: would be a {} byte Firestore document ({}), over the 1 MiB limit of {} bytes",
            subject, w.size, w.path, k_max_document_bytes),
        hint);
  }
}

} // namespace

const std::set<std::string>& status_timestamp_keys()
{
  static const std::set<std::string> keys{"started_at", "completed_at", "last_updated"};
  return keys;
}

json processing_status(state::StateStore& store, const std::string& c)
{
  return {{"document_processing", runner::status_json(store.job(c, state::JobKind::documents),
                                                      phases::catalog(state::JobKind::documents))},
          {"item_generation", runner::status_json(store.job(c, state::JobKind::items),
                                                  phases::catalog(state::JobKind::items))}};
}

SyncPlan desired_state(const json& exported, const json& status, const std::string& root,
                       const std::string& bucket)
{
  const std::string c = exported.at("collection_id").get<std::string>();
  SyncPlan plan;
  std::map<std::string, PlannedImage> images;
  const auto relink = [&](const std::string& path) {
    const ImageRef ref = image_ref(path, c, bucket);
    images.emplace(ref.remote, PlannedImage{ref.sha256, ref.object, ref.remote,
                                            content_type_for(ref.extension)});
    return ref.remote;
  };

  plan.writes.push_back(
      update(root, "collections/" + c,
             {{"categories", exported.at("categories")}, {"processing_status", status}},
             {"categories", "processing_status"}, status_timestamp_keys()));
  check_size(plan.writes.back(), c, "this is a bug in collproc if it repeats; please report it");

  for (const auto& doc : exported.at("documents")) {
    json products = doc.at("structured_products");
    for (auto& p : products) {
      for (auto& image : p["images"]) {
        image["path"] = relink(image["path"].get<std::string>());
      }
    }
    const std::string id = doc.at("document_id").get<std::string>();
    plan.writes.push_back(update(root, fmt::format("collections/{}/documents/{}", c, id),
                                 {{"structured_products", products}}, {"structured_products"}, {}));
    check_size(plan.writes.back(),
               fmt::format("{}: {}: structured_products ({} products)", c,
                           doc.value("filename", id), products.size()),
               "split the linesheet into smaller PDFs, stage them with 'collproc add', then "
               "process and sync again");
  }

  for (auto item : exported.at("items")) {
    for (auto& path : item["images"]) {
      path = relink(path.get<std::string>());
    }
    std::vector<std::string> mask;
    for (const auto& [k, v] : item.items()) {
      mask.push_back(k);
    }
    const std::string id = item.at("item_id").get<std::string>();
    plan.writes.push_back(
        update(root, fmt::format("collections/{}/items/{}", c, id), item, mask, {}));
    check_size(plan.writes.back(), fmt::format("{}: item {}", c, id),
               "this item is far larger than any order line should be; check the purchase order");
  }
  for (auto& [remote, image] : images) {
    plan.images.push_back(std::move(image));
  }
  return plan;
}

SyncPlan pending(const SyncPlan& desired, const std::map<std::string, std::string>& pushed,
                 const std::string& root, const std::string& c)
{
  SyncPlan out;
  std::set<std::string> wanted;
  for (const auto& image : desired.images) {
    if (pushed.count(image.remote)) {
      ++out.unchanged;
    } else {
      out.images.push_back(image);
    }
  }
  for (const auto& w : desired.writes) {
    wanted.insert(w.remote);
    const auto it = pushed.find(w.remote);
    if (it != pushed.end() && it->second == w.hash) {
      ++out.unchanged;
    } else {
      out.writes.push_back(w);
    }
  }
  const std::string items = fmt::format("{}/collections/{}/items/", root, c);
  const std::string documents = fmt::format("{}/collections/{}/documents/", root, c);
  for (const auto& [remote, hash] : pushed) {
    if (wanted.count(remote)) {
      continue;
    }
    if (remote.rfind(items, 0) == 0) {
      PlannedWrite w;
      w.kind = PlannedWrite::Kind::remove;
      w.remote = remote;
      w.path = remote.substr(root.size() + 1);
      w.write = {{"delete", remote}};
      out.writes.push_back(std::move(w));
    } else if (remote.rfind(documents, 0) == 0) {
      // A document no longer staged: its products go, the rest of the
      // remote document (not ours) stays.
      PlannedWrite w =
          update(root, remote.substr(root.size() + 1), json::object(), {"structured_products"}, {});
      if (w.hash != hash) {
        out.writes.push_back(std::move(w));
      } else {
        ++out.unchanged;
      }
    }
  }
  return out;
}

SyncPlan plan_sync(state::StateStore& store, const std::string& c, const std::string& root,
                   const std::string& bucket, Resend resend)
{
  const json exported = ops::export_collection(store, c);
  auto pushed = store.pushed(c);
  if (resend == Resend::all) {
    for (auto it = pushed.begin(); it != pushed.end();) {
      if (it->first.rfind("gs://", 0) == 0) {
        it = pushed.erase(it);
      } else {
        (it++)->second.clear();
      }
    }
  }
  return pending(desired_state(exported, processing_status(store, c), root, bucket), pushed, root,
                 c);
}

SyncResult push(state::StateStore& store, const std::string& c, const SyncPlan& plan,
                FirestoreClient& firestore, StorageClient& storage, std::size_t batch_size,
                const std::function<void(const std::string&)>& step)
{
  SyncResult result;
  batch_size = std::clamp<std::size_t>(batch_size, 1, k_max_writes_per_commit);
  // Images first, so no document ever names an object that is not there.
  for (const auto& image : plan.images) {
    if (runner::pending_signal() != 0) {
      throw Cancelled();
    }
    if (storage.exists(image.object)) {
      ++result.images_present;
      step(fmt::format("present {}", image.remote));
    } else {
      storage.upload(image.object, store.blobs().read(image.sha256), image.content_type);
      util::crash_point("sync-uploaded");
      ++result.images_uploaded;
      step(fmt::format("uploaded {}", image.remote));
    }
    state::Transaction tx(store.db());
    store.put_pushed(c, image.remote, image.sha256);
    tx.commit();
  }
  for (std::size_t start = 0; start < plan.writes.size(); start += batch_size) {
    if (runner::pending_signal() != 0) {
      throw Cancelled();
    }
    const std::size_t end = std::min(plan.writes.size(), start + batch_size);
    json writes = json::array();
    for (std::size_t i = start; i < end; ++i) {
      writes.push_back(plan.writes[i].write);
    }
    firestore.commit(writes);
    util::crash_point("sync-committed");
    ++result.commits;
    // Recorded only once the server confirmed the commit: a crash before
    // this point sends the same idempotent writes again on the next run.
    state::Transaction tx(store.db());
    for (std::size_t i = start; i < end; ++i) {
      const auto& w = plan.writes[i];
      store.put_pushed(c, w.remote, w.hash);
      w.kind == PlannedWrite::Kind::remove ? ++result.deletes : ++result.updates;
    }
    tx.commit();
    util::crash_point("sync-recorded");
    step(fmt::format("committed {} writes ({}/{})", end - start, end, plan.writes.size()));
  }
  return result;
}

} // namespace collproc::firestore
