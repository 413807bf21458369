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
  int strength = 0;  // 3 exact synonym, 2 keyword inside a longer header, 1 weak ("SKU", "Item")
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

// Whether a cell marks a total or subtotal row ("Total", "Sub-total:", "Grand Total").
bool is_total_label(std::string_view text);

} // namespace collproc::po
