#include "core/images/rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>

namespace collproc::images {

namespace {

// A logo or running decoration sits on every page or most of them; a product
// photo may reappear once (an overview page and a detail page), so two pages
// of a longer document are not enough.
constexpr int k_repeat_min_pages = 3;
// Anything covering this much of the page is a background or a cover, not a
// photo placed among others.
constexpr double k_full_page_ratio = 0.70;
// Below about 20 pt (7 mm) on a side nothing is legible as a product photo.
constexpr double k_min_side_points = 20.0;
// Swatches are chips of one colour, sometimes with a darker rim: small on the
// page, and either flat or all in one or two colours. Measured on the
// testdata linesheets: swatch chips have 100% of their pixels in two colours
// (16 levels a channel) but a colour spread up to 18 from the rim, while a
// white dress on a grey backdrop spreads only 11.6 with 68% in two colours;
// hence the two-colour test, not the spread alone. Chips are squarish; a
// two-colour wordmark is long.
constexpr double k_swatch_max_area_ratio = 0.02;
constexpr double k_swatch_flat_stddev = 8.0;
constexpr double k_swatch_min_top2_share = 0.95;
constexpr int k_swatch_max_palette90 = 2;
constexpr double k_swatch_max_aspect = 2.0;
// A background plate has almost no variance at any size; JPEG noise alone
// stays below this, the flattest product photo in testdata spreads 11.6.
constexpr double k_background_max_stddev = 6.0;
// A badge ("NEW", "BESTSELLER") is small and mostly one or two flat colours
// plus anti-aliased text: measured, PNG badges and wordmarks have 84-95% of
// their pixels in two colours and 2-5 colours cover 90%; product photos in
// testdata have at most 69% and need 5-18. A dark garment cut out on pure
// white looks like a badge by colour alone, so the rule only applies below
// 0.8% of the page (about 62 pt square on letter); table thumbnails in
// testdata sit at 0.87%. A JPEG badge (74%, 7) is left to min_area_ratio.
constexpr double k_badge_max_area_ratio = 0.008;
constexpr double k_badge_min_top2_share = 0.80;
constexpr int k_badge_max_palette90 = 5;
// Near-duplicates must pass three tests. Measured on the drawn garment shots
// of tests/images/features_test.cpp (same backdrop and framing, several the
// same cut in another colour or print): copies re-encoded at JPEG quality 45,
// resized to 60% or 30%, or stored as PNG moved pHash by at most 2 bits and
// the 16x16 thumbnail by at most 1.2 levels; distinct products sat 0-20 bits
// apart in pHash (it is grey and coarse: a print or a colourway barely moves
// it) but at least 5.2 levels apart in the thumbnail.
constexpr int k_near_duplicate_max_bits = 6;
constexpr double k_near_duplicate_max_thumbnail = 3.0;
constexpr double k_near_duplicate_max_aspect_change = 0.10;

double page_area(double page_width, double page_height)
{
  return page_width > 0 && page_height > 0 ? page_width * page_height : 0.0;
}

std::string percent(double ratio)
{
  return fmt::format("{:.1f}%", ratio * 100.0);
}

// Union-find root with path halving.
int find_root(std::vector<int>& parent, int i)
{
  while (parent[static_cast<size_t>(i)] != i) {
    parent[static_cast<size_t>(i)] = parent[static_cast<size_t>(parent[static_cast<size_t>(i)])];
    i = parent[static_cast<size_t>(i)];
  }
  return i;
}

} // namespace

int page_count(const std::vector<model::PageImages>& pages)
{
  int count = static_cast<int>(pages.size());
  for (const model::PageImages& page : pages)
    count = std::max(count, page.page);
  return count;
}

std::vector<int> identity_groups(const std::vector<model::PageImages>& pages)
{
  std::vector<const model::ImagePlacement*> flat;
  for (const model::PageImages& page : pages)
    for (const model::ImagePlacement& placement : page.placements)
      flat.push_back(&placement);

  std::vector<int> parent(flat.size());
  std::iota(parent.begin(), parent.end(), 0);
  std::map<std::string, int> first_by_sha;
  std::map<int, int> first_by_xref;
  auto unite = [&parent](int a, int b) {
    const int ra = find_root(parent, a);
    const int rb = find_root(parent, b);
    // The earlier placement stays root so numbering follows first appearance.
    if (ra != rb)
      parent[static_cast<size_t>(std::max(ra, rb))] = std::min(ra, rb);
  };
  for (int i = 0; i < static_cast<int>(flat.size()); ++i) {
    const model::ImagePlacement& p = *flat[static_cast<size_t>(i)];
    if (!p.sha256.empty()) {
      auto [it, inserted] = first_by_sha.emplace(p.sha256, i);
      if (!inserted)
        unite(it->second, i);
    }
    if (p.xref >= 0) {
      auto [it, inserted] = first_by_xref.emplace(p.xref, i);
      if (!inserted)
        unite(it->second, i);
    }
  }

  std::vector<int> groups(flat.size());
  std::map<int, int> number_of_root;
  for (int i = 0; i < static_cast<int>(flat.size()); ++i) {
    const int root = find_root(parent, i);
    auto [it, inserted] = number_of_root.emplace(root, static_cast<int>(number_of_root.size()));
    groups[static_cast<size_t>(i)] = it->second;
  }
  return groups;
}

std::vector<std::optional<std::string>>
repetition_reasons(const std::vector<model::PageImages>& pages)
{
  const std::vector<int> groups = identity_groups(pages);
  const int total_pages = page_count(pages);

  // Pages are counted by their number, or by position when numbers are absent.
  // A sliver does not count: a table row split by a page break shows its
  // photo on one page and a point-high strip of it on the next.
  std::map<int, std::set<int>> pages_of_group;
  size_t k = 0;
  for (size_t p = 0; p < pages.size(); ++p) {
    const int page_number = pages[p].page > 0 ? pages[p].page : static_cast<int>(p) + 1;
    for (size_t j = 0; j < pages[p].placements.size(); ++j, ++k) {
      const model::BBox& box = pages[p].placements[j].bbox;
      if (box.width() >= k_min_side_points && box.height() >= k_min_side_points)
        pages_of_group[groups[k]].insert(page_number);
    }
  }

  std::vector<std::optional<std::string>> reasons(groups.size());
  for (size_t i = 0; i < groups.size(); ++i) {
    const int on_pages = static_cast<int>(pages_of_group[groups[i]].size());
    const bool most_pages = total_pages >= 2 && 2 * on_pages > total_pages;
    if (on_pages >= k_repeat_min_pages || most_pages)
      reasons[i] = fmt::format("repeated on {} of {} pages (logo)", on_pages, total_pages);
  }
  return reasons;
}

std::optional<std::string> geometric_reason(const model::ImagePlacement& placement,
                                            double page_width, double page_height,
                                            const FilterOptions& options)
{
  const double area = page_area(page_width, page_height);
  if (area > 0) {
    const model::BBox page_box{0, 0, page_width, page_height};
    if (placement.bbox.intersected(page_box).area() > k_full_page_ratio * area)
      return "full-page decoration";
  }
  if (placement.width < options.min_pixels || placement.height < options.min_pixels)
    return fmt::format("tiny ({}x{} px)", placement.width, placement.height);
  if (placement.bbox.width() < k_min_side_points || placement.bbox.height() < k_min_side_points)
    return fmt::format("tiny ({:.0f}x{:.0f} pt)", std::max(0.0, placement.bbox.width()),
                       std::max(0.0, placement.bbox.height()));
  return std::nullopt;
}

std::optional<std::string> content_reason(const model::ImagePlacement& placement, double page_width,
                                          double page_height, const ImageFeatures& features,
                                          const FilterOptions& options)
{
  const double area = page_area(page_width, page_height);
  const std::optional<double> ratio =
      area > 0 ? std::optional<double>(placement.bbox.area() / area) : std::nullopt;

  // Flatness is checked first so a small flat chip reads as a swatch rather
  // than as a generic icon.
  if (ratio && *ratio < k_swatch_max_area_ratio) {
    const double w = placement.bbox.width();
    const double h = placement.bbox.height();
    const bool squarish = std::max(w, h) <= k_swatch_max_aspect * std::min(w, h);
    const bool two_colours = features.top2_share >= k_swatch_min_top2_share &&
                             features.palette90 <= k_swatch_max_palette90;
    if (features.colour_stddev < k_swatch_flat_stddev || (squarish && two_colours))
      return "colour swatch";
  }
  if (features.colour_stddev < k_background_max_stddev)
    return "near-uniform background";
  if (ratio && *ratio < k_badge_max_area_ratio && features.top2_share >= k_badge_min_top2_share &&
      features.palette90 <= k_badge_max_palette90)
    return fmt::format("icon or badge ({} of page)", percent(*ratio));
  if (ratio && *ratio < options.min_area_ratio)
    return fmt::format("icon or badge ({} of page)", percent(*ratio));
  return std::nullopt;
}

bool near_duplicates(const ImageFeatures& a, const ImageFeatures& b)
{
  if (hamming_distance(a.phash, b.phash) > k_near_duplicate_max_bits)
    return false;
  if (thumbnail_distance(a, b) > k_near_duplicate_max_thumbnail)
    return false;
  if (a.decoded_width <= 0 || a.decoded_height <= 0 || b.decoded_width <= 0 ||
      b.decoded_height <= 0)
    return false;
  const double aspect_a = static_cast<double>(a.decoded_width) / a.decoded_height;
  const double aspect_b = static_cast<double>(b.decoded_width) / b.decoded_height;
  return std::abs(aspect_a - aspect_b) <=
         k_near_duplicate_max_aspect_change * std::max(aspect_a, aspect_b);
}

} // namespace collproc::images
