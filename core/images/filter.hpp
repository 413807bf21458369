#pragma once
// Phase 3: decide, for every image placement of one linesheet, whether it is
// a product photo. Dropped with a recorded reason: logos and other images
// repeated across pages, colour swatches, icons and badges, near-uniform
// backgrounds, full-page decorations, tiny images, near-duplicates.

#include "core/model/types.hpp"

#include <functional>
#include <string>
#include <vector>

namespace collproc::images {

// Returns the stored bytes of an image by its sha256 (the blob store).
using BlobLoader = std::function<std::string(const std::string& sha256)>;
// Called once per distinct image examined; throws collproc::Cancelled to stop.
using UnitCallback = std::function<void()>;

struct FilterOptions {
  int min_pixels = 64;         // images narrower or shorter than this are tiny
  double min_area_ratio = 0.004; // placements below this share of the page are icons
};

// One decision per placement, in the order of `pages` and their placements.
std::vector<model::ImageDecision> filter_images(const std::vector<model::PageImages>& pages,
                                                const BlobLoader& load,
                                                const UnitCallback& on_unit,
                                                const FilterOptions& options = {});

} // namespace collproc::images
