#pragma once
// Step 5, enrich: each SKU joined to its linesheet product by style number.
// Exact first, then on the normalised form, then the nearest normalised
// style above a similarity threshold. A style on no linesheet stays, with
// no product.

#include "core/model/order.hpp"
#include "core/model/types.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace collproc::po {

// Upper case, letters and digits only (spaces, dashes, dots, slashes and a
// leading '#' dropped): "ss26-1042", "#SS26 1042" and "SS26.1042" all give
// "SS261042". Non-ASCII bytes are kept as they are.
std::string normalise_style(std::string_view style);

// Similarity of two normalised styles, 0..1: 1 - (optimal string alignment
// distance) / (longer length).
double style_similarity(std::string_view a, std::string_view b);

// The least similarity a nearest match needs.
constexpr double k_nearest_threshold = 0.85;

// One EnrichedSku per SKU, same order. match is "exact", "normalised",
// "nearest 0.91", "nearest 0.90 (prefix)" when one style extends the other,
// "nearest 0.95 (colour code BLK)" when the PO's extension abbreviates one of
// the product's colours (a SKU with no colour of its own then takes that
// one), or "none". A nearest match is refused when two products are equally
// near; a product that another PO style matches exactly or normalised is no
// typo's target.
std::vector<model::EnrichedSku> enrich(const std::vector<model::Sku>& skus,
                                       const std::vector<model::Product>& products);

} // namespace collproc::po
