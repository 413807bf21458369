#pragma once
// Phase 3: decide, for every image placement of one linesheet, whether it is
// a product photo. Dropped with a recorded reason: logos and other images
// repeated across pages, colour swatches, icons and badges, near-uniform
// backgrounds, full-page decorations, tiny images, near-duplicates.
//
// Order of the rules: repetition across pages, then geometry (full page,
// tiny), which decide without decoding; then pixels (swatch, background,
// badge, icon), decoding each distinct sha256 once; last, among the images
// still kept, exact and near duplicates of an already kept image. Copies are
// weighed card-sized first (a placement whose size other photos share beats
// a hero-strip copy), then larger first, then earlier first. Only the
// decoding runs on other threads (one per core); load and on_unit are called
// on the calling thread in placement order, and the decisions are made there
// from the decoded features, so the answer never depends on timing.

#include "core/images/features.hpp"
#include "core/images/rules.hpp"
#include "core/model/types.hpp"

#include <functional>
#include <string>
#include <vector>

namespace collproc::images {

// Returns the stored bytes of an image by its sha256 (the blob store).
using BlobLoader = std::function<std::string(const std::string& sha256)>;
// Called once per distinct image decoded, before decoding it; throws
// collproc::Cancelled to stop.
using UnitCallback = std::function<void()>;

// One decision per placement, in the order of `pages` and their placements.
// `pages` should hold every page of the document, those without images too
// (page numbers also count: see page_count()). A blob that does not decode is
// dropped as "undecodable image"; exceptions from `load` and `on_unit`
// (collproc::Cancelled) propagate.
std::vector<model::ImageDecision> filter_images(const std::vector<model::PageImages>& pages,
                                                const BlobLoader& load, const UnitCallback& on_unit,
                                                const FilterOptions& options = {});

} // namespace collproc::images
