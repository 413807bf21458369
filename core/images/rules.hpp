#pragma once
// The rules of phase 3 as pure functions, so each can be tested on its own.
// "Flattened order" below means pages in the given order, each page's
// placements in their given order: the order filter_images() answers in.

#include "core/images/features.hpp"
#include "core/model/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace collproc::images {

struct FilterOptions {
  int min_pixels = 64;           // images narrower or shorter than this are tiny
  double min_area_ratio = 0.004; // placements below this share of the page are icons
};

// The document's page count: the larger of pages.size() and the highest page
// number, so pages without images count even when the caller left them out.
int page_count(const std::vector<model::PageImages>& pages);

// One group number per placement, in flattened order: placements that share a
// sha256 or an xref (>= 0), directly or through others, share a group.
// Numbers are assigned from 0 in order of first appearance.
std::vector<int> identity_groups(const std::vector<model::PageImages>& pages);

// For each placement in flattened order, "repeated on N of M pages (logo)"
// when its identity group is placed on at least 3 pages, or on more than half
// of the pages of a document of 2 or more pages; otherwise nullopt.
std::vector<std::optional<std::string>>
repetition_reasons(const std::vector<model::PageImages>& pages);

// The drop reason that geometry alone decides, before any decode: a full-page
// decoration, or tiny in pixels or in points. nullopt when it decides nothing.
// A page of unknown size (width or height <= 0) skips the full-page test.
std::optional<std::string> geometric_reason(const model::ImagePlacement& placement,
                                            double page_width, double page_height,
                                            const FilterOptions& options);

// The drop reason from pixels and placement size: colour swatch, near-uniform
// background, icon or badge. nullopt means it looks like a product photo.
// A page of unknown size skips the rules that need the page's area.
std::optional<std::string> content_reason(const model::ImagePlacement& placement, double page_width,
                                          double page_height, const ImageFeatures& features,
                                          const FilterOptions& options);

// Whether two images are the same photo, re-encoded, rescaled or lightly
// retouched: close perceptual hashes, close colour thumbnails and close
// aspect ratios. Symmetric.
bool near_duplicates(const ImageFeatures& a, const ImageFeatures& b);

} // namespace collproc::images
