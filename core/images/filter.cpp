#include "core/images/filter.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace collproc::images {

namespace {

constexpr const char* k_kept_reason = "product photo";
constexpr const char* k_undecodable_reason = "undecodable image";

struct Slot {
  const model::PageImages* page = nullptr;
  const model::ImagePlacement* placement = nullptr;
};

// Two boxes are the same card size when both sides agree within this share;
// layout tools round positions, not sizes, so this only absorbs float noise.
constexpr double k_same_size_tolerance = 0.02;

bool same_size(const model::BBox& a, const model::BBox& b)
{
  auto close = [](double x, double y) { return std::abs(x - y) <= k_same_size_tolerance * std::max(x, y); };
  return close(a.width(), b.width()) && close(a.height(), b.height());
}

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

  // Of two copies of a photo the one to keep is the one in a product card.
  // Cards of one linesheet share a size, so a placement whose size other
  // photos share (its peers) is preferred to a hero strip or a banner copy;
  // then the larger; then the earlier, so the input alone fixes the outcome.
  std::vector<int> peers(slots.size(), 0);
  for (size_t i : survivors)
    for (size_t j : survivors)
      if (groups[i] != groups[j] && same_size(slots[i].placement->bbox, slots[j].placement->bbox))
        ++peers[i];
  std::stable_sort(survivors.begin(), survivors.end(), [&slots, &peers](size_t a, size_t b) {
    if (peers[a] != peers[b])
      return peers[a] > peers[b];
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
