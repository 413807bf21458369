#pragma once
// Phase 6: assign kept images to products by layout geometry, as a global
// assignment (not greedy nearest). An image goes to at most one product; a
// product may get several images. Pure: no I/O.

#include "core/model/types.hpp"

#include <vector>

namespace collproc::layout {

struct MatchInput {
  std::vector<model::Product> products;   // one linesheet's, with bbox and page
  std::vector<model::PageImages> kept;    // kept placements per page
  std::vector<model::TextPage> pages;     // the text, for layout cues
};

// Matches in a stable order (page, then image index).
std::vector<model::ImageMatch> match_images(const MatchInput& input);

} // namespace collproc::layout
