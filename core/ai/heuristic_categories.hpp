#pragma once
// Phase 4 of the heuristic engine: the collection's category list.

#include "core/ai/provider.hpp"

#include <string>
#include <vector>

namespace collproc::ai::heuristic {

// The linesheets' own section headings in title case ("DRESSES" → "Dresses")
// when they have them; otherwise the taxonomy categories of the product
// names (see taxonomy_category). Distinct, in order of first appearance over
// the linesheets in request order. Calls on_unit once per page; empty when
// nothing names a category.
std::vector<std::string> categories(const CategoryRequest& request, const UnitCallback& on_unit);

} // namespace collproc::ai::heuristic
