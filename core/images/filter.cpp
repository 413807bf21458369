#include "core/images/filter.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>

namespace collproc::images {

namespace {

constexpr const char* k_kept_reason = "product photo";
constexpr const char* k_undecodable_reason = "undecodable image";

struct Slot {
  const model::PageImages* page = nullptr;
  const model::ImagePlacement* placement = nullptr;
};

} // namespace

std::vector<model::ImageDecision> filter_images(const std::vector<model::PageImages>& pages,
                                                const BlobLoader& load,
                                                const UnitCallback& on_unit,
                                                const FilterOptions& options)
{
  std::vector<Slot> slots;
  for (const model::PageImages& page : pages)
    for (const model::ImagePlacement& placement : page.placements)
      slots.push_back({&page, &placement});

  std::vector<model::ImageDecision> decisions(slots.size());
  for (size_t i = 0; i < slots.size(); ++i)
    decisions[i].image_id = slots[i].placement->image_id;

  const std::vector<int> groups = identity_groups(pages);
  const std::vector<std::optional<std::string>> repeated = repetition_reasons(pages);

  // nullopt in the cache means the blob was examined and did not decode.
  std::map<std::string, std::optional<ImageFeatures>> cache;
  std::vector<size_t> survivors;
  for (size_t i = 0; i < slots.size(); ++i) {
    const model::PageImages& page = *slots[i].page;
    const model::ImagePlacement& placement = *slots[i].placement;
    std::optional<std::string> reason = repeated[i];
    if (!reason)
      reason = geometric_reason(placement, page.width, page.height, options);
    if (reason) {
      decisions[i].reason = *reason;
      continue;
    }

    auto it = cache.find(placement.sha256);
    if (it == cache.end()) {
      on_unit();
      const std::string bytes = load(placement.sha256);
      it = cache.emplace(placement.sha256, compute_features(bytes, placement.width, placement.height)).first;
    }
    if (!it->second) {
      decisions[i].reason = k_undecodable_reason;
      continue;
    }
    reason = content_reason(placement, page.width, page.height, *it->second, options);
    if (reason) {
      decisions[i].reason = *reason;
      continue;
    }
    survivors.push_back(i);
  }

  // The largest placement of a photo is the one worth keeping; ties go to the
  // earlier placement so the outcome is fixed by the input alone.
  std::stable_sort(survivors.begin(), survivors.end(), [&slots](size_t a, size_t b) {
    return slots[a].placement->bbox.area() > slots[b].placement->bbox.area();
  });
  std::vector<size_t> kept;
  for (size_t i : survivors) {
    const ImageFeatures& features = *cache.at(slots[i].placement->sha256);
    std::optional<std::string> reason;
    for (size_t k : kept)
      if (groups[k] == groups[i]) {
        reason = "duplicate of " + decisions[k].image_id;
        break;
      }
    if (!reason)
      for (size_t k : kept)
        if (near_duplicates(*cache.at(slots[k].placement->sha256), features)) {
          reason = "near-duplicate of " + decisions[k].image_id;
          break;
        }
    if (reason) {
      decisions[i].reason = *reason;
      continue;
    }
    decisions[i].keep = true;
    decisions[i].reason = k_kept_reason;
    kept.push_back(i);
  }
  return decisions;
}

} // namespace collproc::images
