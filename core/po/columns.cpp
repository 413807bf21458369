#include "core/po/columns.hpp"

#include "core/po/text.hpp"
#include "core/po/vocabulary.hpp"
#include "core/util/error.hpp"

#include <map>

namespace collproc::po {

namespace {

// What the values below a header look like.
struct ValueStats {
  int filled = 0;
  int counts = 0;  // whole non-negative numbers
  int numbers = 0; // any number, prices included
  int sizes = 0;   // size labels

  std::string describe() const
  {
    if (filled == 0) {
      return "no values below it";
    }
    return std::to_string(counts) + " of " + std::to_string(filled) +
           " values are whole numbers, " + std::to_string(numbers) + " numbers";
  }
};

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
    return mostly(s.counts, s.filled) ? 2 : 0;
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
                     mostly(stats[c].counts, stats[c].filled);
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
      continue;
    }
    if (field->field == "ignore") {
      a.evidence = field->why;
      continue;
    }
    by_field[field->field].push_back(Candidate{c, *field, fit});
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
