#pragma once
// What PO headers are called: English synonyms and common abbreviations for
// each field of model::ColumnAssignment, and what a size label looks like.
// Shared by header detection (to find the header row) and identify_columns.

#include <optional>
#include <string>
#include <string_view>

namespace collproc::po {

// A header's field and how sure the match is.
struct HeaderField {
  std::string field; // style_number, color, size, quantity, unit_cost, retail_price, description,
                     // upc, ignore
  int strength = 0;  // 4 an e-commerce order line's column ("Lineitem sku"), 3 exact synonym,
                     // 2 keyword inside a longer header, 1 weak ("SKU", "Item")
  std::string why;   // "'Style #' is a style-number synonym"
};

// The field a header names, or nullopt for a header it does not know.
std::optional<HeaderField> field_for_header(std::string_view header);

// Whether a header or value is a garment size: XS..4XL, 1X, OS, O/S, One Size,
// S/M, numeric sizes 0-60 and half sizes, kids' 2T..6T, waist x length 30x32.
bool is_size_label(std::string_view text);

// Whether the label is numeric only ("8", "6.5"): such labels count as sizes
// only in a run of several adjacent size columns.
bool is_numeric_size(std::string_view text);

// Whether a cell labels a row of totals or charges rather than a product: it
// starts with subtotal, total, grand total, shipping, freight, delivery
// charge, tax, VAT, sales tax, discount, deposit or balance due ("Subtotal
// Tops · Knitwear", "Shipping & handling"), or is a short label naming a
// total ("Order Total"). Product names can read like this ("Tax Free Tote"):
// see looks_like_style_number.
bool is_total_label(std::string_view text);

// Whether a style cell holds something like a product code ("SS26-1042",
// "SS26 2001"): a digit, at most three words, and no total label.
bool looks_like_style_number(std::string_view text);

} // namespace collproc::po
