#pragma once
// Field roles, the third stage of the heuristic product reader: a record's
// text units get their roles (style number, name, description, colours,
// sizes, wholesale and retail prices, currency) from labels, patterns, type
// prominence and what the rest of the document does.

#include "core/ai/heuristic_record.hpp"
#include "core/ai/heuristic_text.hpp"
#include "core/model/types.hpp"

#include <optional>
#include <string>
#include <vector>

namespace collproc::ai::heuristic {

// What the document as a whole says about its records.
struct DocumentFacts {
  std::string currency; // the currency most prices are written in
  // Products are identified by bare numbers ("#4471", "4471"): each record
  // has exactly one, and no two records share it.
  bool numeric_styles = false;
};

// Reads one product's fields from its text units in reading order: style
// number, name (the most prominent other line), description (the rest),
// colours (also from a title suffix "Canvas Tote - Black"), sizes, prices
// (labelled ones by label; of two unlabelled prices the lower is wholesale; a
// price-tier table's first tier is wholesale) and currency (the prices' own,
// else the document's). Fields it cannot find stay empty.
model::Product read_fields(const std::vector<TextUnit>& units, const DocumentFacts& facts);
model::Product read_fields(const std::vector<TextUnit>& units, const std::string& default_currency);

// Labelled prices first, then unlabelled ones fill the gaps, the lower of two
// being wholesale; the currency is the prices' own, else default_currency.
// Each choice is added to p.evidence.
void assign_prices(const std::vector<Price>& prices, model::Product& p,
                   const std::string& default_currency);

// The bare numbers of a text that could identify a product: "#4471" or a
// number of 3 to 8 digits that is no price, quantity or measure. "#" ones
// first.
std::vector<std::string> numeric_codes(std::string_view text);

// A product read from a region, and where its text starts on the page (for
// the section heading in effect there).
struct Found {
  model::Product product;
  double text_y0 = 0;
};

} // namespace collproc::ai::heuristic
