#pragma once
// Step 4, extract-skus: one SKU per style+colour+size with its quantity,
// from either PO shape. Blank rows and rows of totals or charges (subtotal,
// shipping, tax, discount...: is_total_label) are not items; a
// blank (or merged) style cell under a filled one carries that style down
// to the colour rows that follow it. A shop export with no colour (or size)
// column gives them in its line titles ("Waxed Chore Coat - Tobacco / M").

#include "core/model/order.hpp"

#include <string>
#include <vector>

namespace collproc::po {

// A data row that gave no SKU, and why ("blank", "total row", "no quantity").
struct SkippedRow {
  int source_row = 0;
  std::string reason;
};

struct SkuExtraction {
  std::vector<model::Sku> skus; // in first-seen order; duplicates summed
  std::vector<SkippedRow> skipped;
};

// SKUs of the table under the mapping. Never throws: rows it cannot read are
// reported in `skipped`, as are quantities that would take the order's total
// past INT_MAX pieces. Quantities of the same style+colour+size on several
// rows are summed (rows listed on the SKU).
SkuExtraction extract_skus(const model::PoTable& table, const model::ColumnMapping& mapping);

} // namespace collproc::po
