#pragma once
// Phase 5 of the heuristic engine: structured products read from a
// linesheet's layout, in three stages, each in its own file:
//   segmentation (heuristic_regions) - each page's text shared out among
//     product regions: table rows under a header row, or the text that
//     belongs to each product photo (cards, rows), or, on pages without
//     photos, blocks anchored on style numbers;
//   records (heuristic_record) - a region's text read as one record;
//   field roles (heuristic_fields) - style, name, colours, sizes, prices.
// Section headings ("DRESSES") found over the whole document give the
// category of the products after them, across pages. Running headers and
// footers are ignored, pages without photos in a document with photos (a
// table of contents, an index) give no products, and each style number gives
// one product per document.

#include "core/ai/heuristic_fields.hpp"
#include "core/ai/provider.hpp"
#include "core/layout/geometry.hpp"
#include "core/model/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace collproc::ai::heuristic {

// A section heading of a linesheet: prominent, short, alone on its line, not
// product text, and followed by products.
struct Heading {
  int page = 0;
  model::BBox bbox;
  std::string text; // as printed, e.g. "KNITWEAR"
};

// The document's section headings in reading order; empty when it has none.
// Running headers (the same text on most pages) and titles ("Wholesale
// Linesheet") do not count.
std::vector<Heading> find_headings(const std::vector<model::TextPage>& pages);

// The currency most prices of the document are written in, "" when none.
std::string document_currency(const std::vector<model::TextPage>& pages);

// Products of one linesheet, by page, then reading order. Calls on_unit once
// per page (it may throw collproc::Cancelled). product_id and document_id are
// left empty.
std::vector<model::Product> products(const ProductRequest& request, const UnitCallback& on_unit);
// The same, for pages, kept images and categories held elsewhere (no copy of
// a document's text), and the pages' headings when the caller has already
// found them (find_headings(pages)).
std::vector<model::Product> products(const std::vector<model::TextPage>& pages,
                                     const std::vector<model::PageImages>& kept,
                                     const std::vector<std::string>& categories,
                                     const std::vector<Heading>& headings,
                                     const UnitCallback& on_unit);

} // namespace collproc::ai::heuristic
