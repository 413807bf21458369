#pragma once
// Phase 6: assign kept images to products by layout geometry, as a global
// assignment (not greedy nearest). An image goes to at most one product; a
// product may get several images. Pure: no I/O.

#include "core/model/types.hpp"

#include <vector>

namespace collproc::layout {

struct MatchInput {
  std::vector<model::Product> products; // one linesheet's, with bbox and page
  std::vector<model::PageImages> kept;  // kept placements per page, with the page's size
};

// The score in 0..1 of one image for one product on the same page: the share
// of the image inside the product's bbox, then alignment (same column or same
// band) and closeness. 0 for empty boxes.
double match_score(const model::BBox& image, const model::BBox& product, double page_height);

// Each page's images are assigned to its products by a global minimum-cost
// assignment on 1 - score (scores below 0.2 never match); images left over go
// to the product that scores them best when that score is at least 0.5.
// Matches in a stable order (page, then image index).
std::vector<model::ImageMatch> match_images(const MatchInput& input);

} // namespace collproc::layout
