#pragma once
// Step 3, identify-columns, heuristic engine: which column holds which field,
// from header synonyms and the types of the values below them. Handles both
// PO shapes: one row per size (a Size and a Qty column) and size-run
// matrices (one column per size: XS S M L XL, 0 2 4 6, 36 38 40, S/M M/L).

#include "core/model/order.hpp"

namespace collproc::po {

// One assignment per column of the table, each with its evidence; engine
// "heuristic". A Total/Qty column beside size columns is `ignore` (it is
// their sum). Throws Error(bad_input) "identify-columns: no style column: ..."
// or "... no quantity column: ..." when the table lacks either.
model::ColumnMapping identify_columns(const model::PoTable& table);

} // namespace collproc::po
