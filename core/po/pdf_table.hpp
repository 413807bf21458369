#pragma once
// Rebuilding a PDF purchase order's table from word positions: rows from
// baselines; columns from the whitespace gaps that run down the data lines,
// each put under the header cell it overlaps most (so centred headers over
// right-aligned numbers read right); repeated headers on later pages (and
// the running page headers above them) are dropped; a new header below
// starts a block with its own columns (merge_blocks).

#include "core/model/order.hpp"
#include "core/model/types.hpp"

#include <string>
#include <vector>

namespace collproc::po {

// The order table of the pages (as core/pdf extracts them). source_row is the
// 1-based line number counted through all pages; sheet is "page 1" or
// "page 1-3". Pure: reads only its arguments. Throws Error(bad_input)
// "<display_name>: no header row found: ..." when no line names the fields.
model::PoTable table_from_pdf_pages(const std::vector<model::TextPage>& pages,
                                    const std::string& display_name = "po.pdf");

} // namespace collproc::po
