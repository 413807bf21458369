#include "core/po/columns.hpp"

#include "core/po/text.hpp"
#include "core/po/vocabulary.hpp"
#include "core/util/error.hpp"

#include <cctype>
#include <map>

namespace collproc::po {

namespace {

// What the values below a header look like.
struct ValueStats {
  int filled = 0;
  int counts = 0;  // whole non-negative numbers
  int numbers = 0; // any number, prices included
  int sizes = 0;   // size labels
  int codes = 0;   // product codes (looks_like_code)
  int prose = 0;   // text of three words or more with no number: a note or footer
                   // printed across the table ("Page 1 of 2"), or a product name

  std::string describe() const
  {
    if (filled == 0) {
      return "no values below it";
    }
    return std::to_string(counts) + " of " + std::to_string(filled) +
           " values are whole numbers, " + std::to_string(numbers) + " numbers, " +
           std::to_string(codes) + " codes";
  }
};

// Whether a value reads like a product code rather than a line number ("1",
// "20") or a name: it has a digit, and at least four characters that are
// letters or digits, or three when some are letters ("A12").
bool looks_like_code(const std::string& value)
{
  int digits = 0;
  int letters = 0;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    digits += std::isdigit(u) ? 1 : 0;
    letters += std::isalpha(u) ? 1 : 0;
  }
  return digits > 0 && (digits + letters >= 4 || (letters > 0 && digits + letters >= 3));
}

// Whether a value is words, not a field's value: three words or more, and
// no number ("Page 1 of 2" has one, but reads as a page footer).
bool is_prose(const std::string& value)
{
  int words = 0;
  bool in_word = false;
  for (char c : value) {
    const bool space = c == ' ';
    words += !space && !in_word ? 1 : 0;
    in_word = !space;
  }
  return words >= 3 && !parse_number(value);
}

ValueStats stats_of(const model::PoTable& table, size_t column)
{
  ValueStats s;
  int seen = 0;
  for (const model::PoRow& row : table.rows) {
    if (++seen > 500) {
      break;
    }
    if (column >= row.cells.size() || row.cells[column].empty()) {
      continue;
    }
    const std::string& v = row.cells[column];
    if (is_total_label(v)) {
      continue;
    }
    ++s.filled;
    if (parse_count(v)) {
      ++s.counts;
    }
    if (parse_number(v)) {
      ++s.numbers;
    }
    if (is_size_label(v)) {
      ++s.sizes;
    }
    if (looks_like_code(v)) {
      ++s.codes;
    }
    if (is_prose(v)) {
      ++s.prose;
    }
  }
  return s;
}

bool mostly(int part, int whole)
{
  return whole == 0 || part * 10 >= whole * 7;
}

// How well the values fit a field, 0..2; 0 means they contradict it.
int value_fit(const std::string& field, const ValueStats& s)
{
  if (s.filled == 0) {
    return 1;
  }
  if (field == "quantity") {
    return mostly(s.counts, s.filled - s.prose) ? 2 : 0;
  }
  if (field == "style_number") {
    // Line numbers ("Item No" 1, 4, 7 beside the SKU) and product names
    // ("Item" in a WooCommerce export) are no style numbers.
    return mostly(s.codes, s.filled) ? 2 : (s.codes * 10 < s.filled * 3 ? 0 : 1);
  }
  if (field == "unit_cost" || field == "retail_price") {
    return mostly(s.numbers, s.filled) ? 2 : 0;
  }
  if (field == "size") {
    return mostly(s.sizes, s.filled) ? 2 : 1;
  }
  if (field == "color" || field == "description") {
    return s.numbers * 2 > s.filled ? 1 : 2;
  }
  return 2;
}

} // namespace

model::ColumnMapping identify_columns(const model::PoTable& table)
{
  model::ColumnMapping mapping;
  mapping.engine = "heuristic";
  const size_t n = table.header.size();
  std::vector<ValueStats> stats(n);
  for (size_t c = 0; c < n; ++c) {
    stats[c] = stats_of(table, c);
    model::ColumnAssignment a;
    a.column = static_cast<int>(c);
    a.header = table.header[c];
    a.field = "ignore";
    mapping.columns.push_back(a);
  }

  // Size runs: adjacent size-label headers whose values are counts. A lone
  // "M" or "8" column is not a run.
  std::vector<bool> size_header(n, false);
  for (size_t c = 0; c < n; ++c) {
    size_header[c] = !table.header[c].empty() && is_size_label(table.header[c]) &&
                     mostly(stats[c].counts, stats[c].filled - stats[c].prose);
  }
  int run_columns = 0;
  for (size_t c = 0; c < n;) {
    size_t end = c;
    while (end < n && size_header[end]) {
      ++end;
    }
    if (end - c >= 2) {
      for (size_t k = c; k < end; ++k) {
        model::ColumnAssignment& a = mapping.columns[k];
        a.field = "size_run";
        a.size_label = table.header[k];
        a.evidence = "header '" + a.header + "' is a size label in a run of " +
                     std::to_string(end - c) + " size columns; " + stats[k].describe();
        ++run_columns;
      }
    }
    c = end == c ? c + 1 : end;
  }

  // Header synonyms, checked against the values; the strongest column wins
  // each field.
  struct Candidate {
    size_t column;
    HeaderField field;
    int fit;
  };
  std::map<std::string, std::vector<Candidate>> by_field;
  std::vector<Candidate> unfit_styles; // the last resort for a style column
  for (size_t c = 0; c < n; ++c) {
    model::ColumnAssignment& a = mapping.columns[c];
    if (a.field == "size_run") {
      continue;
    }
    const std::optional<HeaderField> field = field_for_header(a.header);
    if (!field) {
      a.evidence =
          a.header.empty() ? "no header" : "header '" + a.header + "' names no order field";
      continue;
    }
    const int fit = value_fit(field->field, stats[c]);
    if (fit == 0) {
      a.evidence = field->why + ", but its values do not fit: " + stats[c].describe();
      if (field->field == "style_number") {
        unfit_styles.push_back(Candidate{c, *field, 0});
      }
      continue;
    }
    if (field->field == "ignore") {
      a.evidence = field->why;
      continue;
    }
    by_field[field->field].push_back(Candidate{c, *field, fit});
  }
  if (by_field.count("style_number") == 0 && !unfit_styles.empty()) {
    by_field["style_number"] = unfit_styles; // codes of an unusual shape, but the only ones
  }
  for (auto& [field, candidates] : by_field) {
    const Candidate* best = nullptr;
    for (const Candidate& cand : candidates) {
      if (best == nullptr ||
          cand.field.strength * 3 + cand.fit > best->field.strength * 3 + best->fit) {
        best = &cand;
      }
    }
    for (const Candidate& cand : candidates) {
      model::ColumnAssignment& a = mapping.columns[cand.column];
      if (&cand == best) {
        a.field = field;
        a.evidence = cand.field.why + "; " + stats[cand.column].describe();
      } else {
        a.evidence = cand.field.why + ", but '" + mapping.columns[best->column].header +
                     "' is the better " + field;
      }
    }
  }

  // In a size-run matrix a quantity column is the row total, and a size
  // column (if any) is ignored rather than double counting.
  bool has_style = false;
  bool has_quantity = false;
  for (model::ColumnAssignment& a : mapping.columns) {
    if (run_columns > 0 && (a.field == "quantity" || a.field == "size")) {
      a.evidence += "; ignored: the size columns carry the quantities (this is their total)";
      a.field = "ignore";
    }
    has_style = has_style || a.field == "style_number";
    has_quantity = has_quantity || a.field == "quantity" || a.field == "size_run";
  }
  if (!has_style) {
    throw Error(ExitCode::bad_input,
                "no style column: expected a header such as 'Style #', "
                "'Style No', 'Article' or 'Item'",
                "rename the style-number column of the purchase order");
  }
  if (!has_quantity) {
    throw Error(ExitCode::bad_input,
                "no quantity column: expected a header such as 'Qty' or "
                "'Units', or one column per size (XS S M L XL)",
                "rename the quantity column of the purchase order");
  }
  return mapping;
}

} // namespace collproc::po
