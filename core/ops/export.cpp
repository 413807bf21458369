#include "core/ops/export.hpp"

#include "core/ai/heuristic_text.hpp"

#include "core/phases/ids.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phase_table.hpp"
#include "core/runner/job_runner.hpp"
#include "core/util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <vector>

namespace collproc::ops {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Poppler's coordinates carry float noise; two decimals of a point are far
// below anything visible and keep exports stable.
double round_to(double value, double scale)
{
  return std::round(value * scale) / scale;
}

json bbox_json(const model::BBox& b)
{
  return json::array(
      {round_to(b.x0, 100), round_to(b.y0, 100), round_to(b.x1, 100), round_to(b.y1, 100)});
}

json price_json(const std::optional<double>& price)
{
  return price ? json(round_to(*price, 100)) : json(nullptr);
}

bool complete(state::StateStore& store, const std::string& collection, const char* phase)
{
  const auto cp = store.checkpoint(collection, phase);
  return cp && cp->complete;
}

void write_atomically(const fs::path& path, const std::string& bytes)
{
  const fs::path temp = path.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << bytes;
    out.flush();
    if (!out) {
      throw Error(ExitCode::job_failed, temp.string() + ": cannot write",
                  "check free space and permissions");
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    throw Error(ExitCode::job_failed, path.string() + ": cannot write: " + ec.message(),
                "check free space and permissions");
  }
}

// An earlier export into the same folder left images this one does not
// name (a product dropped, a photo re-matched): remove them, so that DIR is
// exactly this export. Only names an export writes (<sha256>.<ext>, and the
// .tmp of an interrupted write) are touched; anything else someone put in
// images/ is theirs and stays.
void remove_stale_images(const fs::path& images, const std::map<std::string, bool>& named)
{
  const auto ours = [](const std::string& file) {
    const auto dot = file.find('.');
    return dot == 64 && std::all_of(file.begin(), file.begin() + 64, [](char c) {
             return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
  };
  std::error_code ec;
  std::vector<fs::path> stale; // listed first: removing while reading a folder skips entries
  for (const auto& entry : fs::directory_iterator(images, ec)) {
    const std::string file = entry.path().filename().string();
    if (entry.is_regular_file(ec) && ours(file) && !named.contains("images/" + file)) {
      stale.push_back(entry.path());
    }
  }
  for (const auto& path : stale) {
    if (!fs::remove(path, ec) && ec) {
      throw Error(ExitCode::job_failed,
                  path.string() + ": cannot remove a stale image: " + ec.message(),
                  "check the folder's permissions, or export into an empty folder");
    }
  }
}

} // namespace

json export_collection(state::StateStore& store, const std::string& c)
{
  store.require_collection(c);
  json out;
  out["collection_id"] = c;
  out["categories"] = complete(store, c, phases::k_generate_categories)
                          ? json(phases::categories(store, c))
                          : json::array();
  const bool have_products = complete(store, c, phases::k_extract_products);
  const bool have_matches = complete(store, c, phases::k_match_images);

  json documents = json::array();
  for (const auto& doc : store.documents(c)) {
    json d{{"document_id", doc.document_id},
           {"kind", model::to_string(doc.kind)},
           {"filename", doc.filename},
           {"sha256", doc.sha256},
           {"pages", doc.pages}};
    json products = json::array();
    if (doc.kind == model::DocumentKind::linesheet && have_products) {
      std::map<std::string, model::ImagePlacement> placements;
      for (const auto& page : phases::page_images(store, c, doc.document_id)) {
        for (const auto& p : page.placements) {
          placements.emplace(p.image_id, p);
        }
      }
      std::map<std::string, std::vector<std::pair<model::ImageMatch, model::ImagePlacement>>>
          images_of;
      if (have_matches) {
        for (const auto& m : phases::matches(store, c, doc.document_id)) {
          if (const auto it = placements.find(m.image_id); it != placements.end()) {
            images_of[m.product_id].emplace_back(m, it->second);
          }
        }
      }
      for (const auto& p : phases::products(store, c, doc.document_id)) {
        auto& matched = images_of[p.product_id];
        // Best match first; ties in drawing order.
        std::sort(matched.begin(), matched.end(), [](const auto& a, const auto& b) {
          if (a.first.score != b.first.score) {
            return a.first.score > b.first.score;
          }
          return std::tie(a.second.page, a.second.index) < std::tie(b.second.page, b.second.index);
        });
        json images = json::array();
        for (const auto& [m, placement] : matched) {
          images.push_back({{"image_id", m.image_id},
                            {"path", phases::image_path(placement.sha256, placement.format)},
                            {"page", placement.page},
                            {"bbox", bbox_json(placement.bbox)},
                            {"match_score", round_to(m.score, 10000)}});
        }
        products.push_back({{"product_id", p.product_id},
                            {"style_number", p.style_number},
                            {"name", p.name},
                            {"description", p.description},
                            {"category", p.category},
                            {"colors", p.colors},
                            {"sizes", p.sizes},
                            {"wholesale_price", price_json(p.wholesale_price)},
                            {"retail_price", price_json(p.retail_price)},
                            {"currency", p.currency},
                            {"page", p.page},
                            {"bbox", bbox_json(p.bbox)},
                            {"images", images}});
      }
    }
    d["structured_products"] = products;
    documents.push_back(d);
  }
  out["documents"] = documents;

  json items = json::array();
  if (complete(store, c, phases::k_save_items)) {
    if (const auto payload = store.output(c, phases::k_save_items, "", 0)) {
      for (auto item : json::parse(*payload)) {
        item["unit_cost"] = item["unit_cost"].is_null()
                                ? json(nullptr)
                                : json(round_to(item["unit_cost"].get<double>(), 100));
        item["retail_price"] = item["retail_price"].is_null()
                                   ? json(nullptr)
                                   : json(round_to(item["retail_price"].get<double>(), 100));
        items.push_back(item);
      }
    }
  }
  out["items"] = items;

  json status;
  for (const auto& [key, job] : {std::pair{"document_processing", state::JobKind::documents},
                                 std::pair{"item_generation", state::JobKind::items}}) {
    status[key] = {{"status", state::to_string(store.job(c, job).status)}};
  }
  out["processing_status"] = status;
  return out;
}

std::string export_text(const json& exported)
{
  // Keys sorted (json's own order), except each item's sizes, which read in
  // human order (XS S M L, 2 4 8), as SPEC section 5's example shows: parsed
  // back in order-keeping form, their keys are put in that order.
  nlohmann::ordered_json out = nlohmann::ordered_json::parse(exported.dump());
  if (out.contains("items")) {
    for (auto& item : out["items"]) {
      if (!item.contains("sizes") || !item["sizes"].is_object()) {
        continue;
      }
      std::vector<std::string> labels;
      for (const auto& [label, quantity] : item["sizes"].items()) {
        labels.push_back(label);
      }
      nlohmann::ordered_json sizes = nlohmann::ordered_json::object();
      for (const std::string& label : ai::heuristic::in_human_order(labels)) {
        sizes[label] = item["sizes"][label];
      }
      item["sizes"] = std::move(sizes);
    }
  }
  return out.dump(2) + "\n";
}

void export_to_directory(state::StateStore& store, const json& exported, const fs::path& dir)
{
  std::error_code ec;
  fs::create_directories(dir / "images", ec);
  if (ec) {
    throw Error(ExitCode::job_failed,
                (dir / "images").string() + ": cannot create: " + ec.message(),
                "check the path and its permissions");
  }
  std::map<std::string, bool> paths;
  for (const auto& doc : exported["documents"]) {
    for (const auto& p : doc["structured_products"]) {
      for (const auto& image : p["images"]) {
        paths[image["path"].get<std::string>()] = true;
      }
    }
  }
  for (const auto& item : exported["items"]) {
    for (const auto& path : item["images"]) {
      paths[path.get<std::string>()] = true;
    }
  }
  for (const auto& [path, unused] : paths) {
    const std::string file = fs::path(path).filename().string();
    const std::string sha = file.substr(0, file.find('.'));
    write_atomically(dir / path, store.blobs().read(sha));
  }
  write_atomically(dir / "collection.json", export_text(exported));
  remove_stale_images(dir / "images", paths);
}

} // namespace collproc::ops
