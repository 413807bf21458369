#pragma once
// Phase 5 of the heuristic engine: structured products read from a
// linesheet's layout. Three layouts are recognised on each page: a table (a
// header row naming style, description, colours, sizes and prices; one row per
// product), cards (a block of text lines, usually under or beside a photo,
// holding a style number) and sections (a heading such as "DRESSES" that
// gives the category of the products after it, across pages).

#include "core/ai/provider.hpp"
#include "core/layout/geometry.hpp"
#include "core/model/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace collproc::ai::heuristic {

// One piece of a product's text: a segment's text and font size.
struct TextUnit {
  std::string text;
  double font_size = 0;
};

// Reads one product's fields from its text units in reading order: style
// number, name (the most prominent other line), description (the rest),
// colours, sizes, prices (two unlabelled prices: the lower is wholesale) and
// currency (the prices' own, else default_currency). Fields it cannot find
// stay empty.
model::Product read_fields(const std::vector<TextUnit>& units, const std::string& default_currency);

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
