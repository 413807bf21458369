// Phase 6 scoring and assignment. Scores favour an image inside the product's
// card or row, then one aligned with it (same column above or below, same
// band beside) and close; the global assignment stops two neighbours from
// both claiming the photo between them.

#include "core/layout/match.hpp"

#include "core/layout/assignment.hpp"
#include "core/layout/geometry.hpp"

#include <algorithm>

namespace collproc::layout {

namespace {

constexpr double k_min_score = 0.2;   // below this an image is not the product's
constexpr double k_extra_score = 0.5; // a second image must sit in or at the card

} // namespace

double match_score(const model::BBox& image, const model::BBox& product, double page_height)
{
  if (image.area() <= 0 || product.area() <= 0) {
    return 0;
  }
  const double inside = image.intersected(product).area() / image.area();
  const double align_x = overlap_x(image, product) / std::min(image.width(), product.width());
  const double align_y = overlap_y(image, product) / std::min(image.height(), product.height());
  const double scale = std::max(36.0, 0.05 * (page_height > 0 ? page_height : 792.0));
  const double close = 1.0 / (1.0 + distance(image, product) / scale);
  const double score = 0.5 * inside + 0.3 * std::max(align_x, align_y) * close + 0.2 * close;
  return std::clamp(score, 0.0, 1.0);
}

std::vector<model::ImageMatch> match_images(const MatchInput& input)
{
  std::vector<model::ImageMatch> out;
  for (const model::PageImages& page : input.kept) {
    std::vector<size_t> products;
    for (size_t i = 0; i < input.products.size(); ++i) {
      if (input.products[i].page == page.page) {
        products.push_back(i);
      }
    }
    if (products.empty() || page.placements.empty()) {
      continue;
    }
    std::vector<std::vector<double>> score(page.placements.size(),
                                           std::vector<double>(products.size()));
    std::vector<std::vector<double>> cost = score;
    for (size_t i = 0; i < page.placements.size(); ++i) {
      for (size_t j = 0; j < products.size(); ++j) {
        score[i][j] =
            match_score(page.placements[i].bbox, input.products[products[j]].bbox, page.height);
        cost[i][j] = score[i][j] >= k_min_score ? 1.0 - score[i][j] : 1.0;
      }
    }
    const std::vector<int> assigned = min_cost_assignment(cost);
    std::vector<std::pair<size_t, model::ImageMatch>> found; // by placement index
    for (size_t i = 0; i < page.placements.size(); ++i) {
      const int j = assigned[i];
      if (j >= 0 && score[i][static_cast<size_t>(j)] >= k_min_score) {
        found.push_back({i,
                         {page.placements[i].image_id,
                          input.products[products[static_cast<size_t>(j)]].product_id,
                          score[i][static_cast<size_t>(j)]}});
        continue;
      }
      // Left over: an extra image of the product that scores it best.
      size_t best = 0;
      for (size_t k = 1; k < products.size(); ++k) {
        if (score[i][k] > score[i][best]) {
          best = k;
        }
      }
      if (score[i][best] >= k_extra_score) {
        found.push_back({i,
                         {page.placements[i].image_id, input.products[products[best]].product_id,
                          score[i][best]}});
      }
    }
    std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
      return page.placements[a.first].index < page.placements[b.first].index;
    });
    for (auto& f : found) {
      out.push_back(std::move(f.second));
    }
  }
  return out;
}

} // namespace collproc::layout
