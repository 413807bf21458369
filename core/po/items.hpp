#pragma once
// Step 6, build-items: one item per style+colour with per-size quantities,
// total, prices, name, category and images (SPEC §5).

#include "core/model/order.hpp"
#include "core/model/types.hpp"

#include <map>
#include <string>
#include <vector>

namespace collproc::po {

// Items sorted by style number then colour. An item on a linesheet takes the
// product's spelling of its style number and colour (matched ignoring case
// and spaces, else a unique abbreviation such as "BLK" for "Black"), name,
// category, currency, retail price and images; unit_cost is the PO's, else
// the product's wholesale price. Size keys are the PO's labels, except that a
// one-size product's "OS", "O/S" or blank size takes the product's label; a
// blank size with no such label becomes "One Size". item_id is a SHA-256 hex
// of collection id, PO sha256, normalised style and folded colour.
std::vector<model::Item>
build_items(const std::vector<model::EnrichedSku>& skus,
            const std::vector<model::Product>& products,
            const std::map<std::string, std::vector<std::string>>& images_by_product,
            const std::string& collection_id, const model::DocumentRecord& po);

// The product's spelling of a PO colour, or the PO's own when none matches.
std::string match_color(const std::string& po_color,
                        const std::vector<std::string>& product_colors);

} // namespace collproc::po
