#include "core/po/skus.hpp"

#include "core/po/enrich.hpp"
#include "core/po/text.hpp"
#include "core/po/vocabulary.hpp"

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>

namespace collproc::po {

namespace {

int column_of(const model::ColumnMapping& mapping, const std::string& field)
{
  for (const model::ColumnAssignment& a : mapping.columns) {
    if (a.field == field) {
      return a.column;
    }
  }
  return -1;
}

std::string cell(const model::PoRow& row, int column)
{
  return column >= 0 && static_cast<size_t>(column) < row.cells.size()
             ? row.cells[static_cast<size_t>(column)]
             : std::string();
}

// Whether a row totals or charges the order rather than ordering a product:
// its first filled cell (or its style cell) is a total label, and its style
// cell holds no product code, so a "Tax Free Tote" named before its own
// style number stays an item.
bool is_total_row(const std::string& first, const std::string& style)
{
  return (is_total_label(first) || is_total_label(style)) && !looks_like_style_number(style);
}

int word_count(const std::string& text)
{
  int words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ';
    words += !space && !in_word ? 1 : 0;
    in_word = !space;
  }
  return words;
}

// Whether a row with no style of its own labels a total in some other cell
// ("Summe" under the description after an order-number column): a short
// cell that is a total label. A longer one may name a product ("Tax Free
// Tote" carried down under its style).
bool labels_total(const model::PoRow& row)
{
  for (const std::string& c : row.cells) {
    if (!c.empty() && word_count(c) <= 2 && is_total_label(c)) {
      return true;
    }
  }
  return false;
}

// A variant's colour and size as a shop's line title carries them after the
// product's: "Waxed Chore Coat - Tobacco / M" (Shopify), "Hoodie - Blue, L"
// (WooCommerce), "Canvas Tote - Black". Each option is a size when it reads
// as one, else the colour. nullopt when the title has no " - " part.
struct Variant {
  std::string title, color, size;
};

std::optional<Variant> variant_of(const std::string& title)
{
  size_t cut = std::string::npos;
  size_t width = 0;
  for (const std::string_view dash : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
    const size_t at = title.rfind(dash);
    if (at != std::string::npos && (cut == std::string::npos || at > cut)) {
      cut = at;
      width = dash.size();
    }
  }
  if (cut == std::string::npos) {
    return std::nullopt;
  }
  std::vector<std::string> options;
  std::string rest = title.substr(cut + width);
  for (size_t at; (at = rest.find_first_of("/,")) != std::string::npos;) {
    // "Natural/Black" is one colour; options are set apart by spaces.
    const bool spaced = rest[at] == ',' || (at > 0 && rest[at - 1] == ' ');
    if (!spaced) {
      break;
    }
    options.push_back(trim(rest.substr(0, at)));
    rest = rest.substr(at + 1);
  }
  options.push_back(trim(rest));
  Variant v;
  v.title = trim(title.substr(0, cut));
  for (const std::string& o : options) {
    if (o.empty()) {
      continue;
    }
    if (v.size.empty() && is_size_label(o)) {
      v.size = o;
    } else if (v.color.empty()) {
      v.color = o;
    }
  }
  return v;
}

// Whether most filled cells of the column are titles with a variant part.
bool mostly_variants(const model::PoTable& table, int column)
{
  int filled = 0;
  int variants = 0;
  for (const model::PoRow& row : table.rows) {
    const std::string text = cell(row, column);
    if (!text.empty() && !is_total_label(text)) {
      ++filled;
      variants += variant_of(text) ? 1 : 0;
    }
  }
  return filled > 0 && variants * 10 >= filled * 7;
}

} // namespace

SkuExtraction extract_skus(const model::PoTable& table, const model::ColumnMapping& mapping)
{
  SkuExtraction out;
  const int style_col = column_of(mapping, "style_number");
  const int color_col = column_of(mapping, "color");
  const int size_col = column_of(mapping, "size");
  const int qty_col = column_of(mapping, "quantity");
  const int cost_col = column_of(mapping, "unit_cost");
  const int retail_col = column_of(mapping, "retail_price");
  const int desc_col = column_of(mapping, "description");
  const int upc_col = column_of(mapping, "upc");
  // A shop's export with no colour (or size) column names the variant in its
  // line title.
  std::vector<const model::ColumnAssignment*> run;
  for (const model::ColumnAssignment& a : mapping.columns) {
    if (a.field == "size_run") {
      run.push_back(&a);
    }
  }
  const bool variants = desc_col >= 0 && (color_col < 0 || (size_col < 0 && run.empty())) &&
                        mostly_variants(table, desc_col);
  const bool variant_color = variants && color_col < 0;
  const bool variant_size = variants && size_col < 0 && run.empty();

  // The style row whose values carry down to colour rows with a blank style.
  struct Carry {
    std::string style, description;
    std::optional<double> cost, retail;
  };
  std::optional<Carry> carry;
  std::map<std::tuple<std::string, std::string, std::string>, size_t> index;
  // Every later sum of quantities (a SKU's rows, an item's sizes) is part of
  // the order's total: keeping the total an int keeps each of them one.
  int64_t order_total = 0;

  for (const model::PoRow& row : table.rows) {
    bool blank = true;
    std::string first;
    for (const std::string& c : row.cells) {
      if (!c.empty()) {
        if (blank) {
          first = c;
        }
        blank = false;
      }
    }
    if (blank) {
      out.skipped.push_back({row.source_row, "blank row"});
      continue;
    }
    std::string style = cell(row, style_col);
    if (is_total_row(first, style) || (style.empty() && labels_total(row))) {
      out.skipped.push_back({row.source_row, "total row ('" + first + "')"});
      carry.reset(); // a subtotal closes its style group
      continue;
    }
    std::string description = cell(row, desc_col);
    std::optional<double> cost = parse_number(cell(row, cost_col));
    std::optional<double> retail = parse_number(cell(row, retail_col));
    if (style.empty() && carry) {
      style = carry->style;
      description = description.empty() ? carry->description : description;
      cost = cost ? cost : carry->cost;
      retail = retail ? retail : carry->retail;
    }
    if (style.empty()) {
      out.skipped.push_back({row.source_row, "no style number"});
      continue;
    }

    // (size label, quantity text) pairs of this row.
    std::vector<std::pair<std::string, std::string>> quantities;
    const std::optional<Variant> variant =
        variants ? variant_of(cell(row, desc_col)) : std::nullopt;
    if (variant) {
      description = variant->title;
    }
    if (!run.empty()) {
      for (const model::ColumnAssignment* a : run) {
        quantities.emplace_back(a->size_label, cell(row, a->column));
      }
    } else {
      const std::string size = variant && variant_size ? variant->size : cell(row, size_col);
      quantities.emplace_back(size, cell(row, qty_col));
    }
    int added = 0;
    std::string problem;
    for (const auto& [size, text] : quantities) {
      if (text.empty()) {
        continue;
      }
      const std::optional<int> qty = parse_count(text);
      if (!qty) {
        problem = "quantity '" + text + "' is not a whole number";
        continue;
      }
      if (*qty == 0) {
        continue;
      }
      if (order_total + *qty > std::numeric_limits<int>::max()) {
        problem = "quantity '" + text + "' takes the order past " +
                  std::to_string(std::numeric_limits<int>::max()) + " pieces";
        continue;
      }
      order_total += *qty;
      const std::string color = variant && variant_color ? variant->color : cell(row, color_col);
      const auto key = std::make_tuple(normalise_style(style), fold(color), fold(size));
      const auto found = index.find(key);
      if (found != index.end()) {
        model::Sku& sku = out.skus[found->second];
        sku.quantity += *qty;
        if (sku.rows.empty() || sku.rows.back() != row.source_row) {
          sku.rows.push_back(row.source_row);
        }
      } else {
        model::Sku sku;
        sku.style_number = style;
        sku.color = color;
        sku.size = size;
        sku.quantity = *qty;
        sku.unit_cost = cost;
        sku.retail_price = retail;
        sku.description = description;
        sku.upc = cell(row, upc_col);
        sku.rows.push_back(row.source_row);
        index.emplace(key, out.skus.size());
        out.skus.push_back(std::move(sku));
      }
      ++added;
    }
    if (added == 0) {
      out.skipped.push_back({row.source_row, problem.empty() ? "no quantity" : problem});
    }
    // Only a row that names its own style starts a group to carry down.
    if (!cell(row, style_col).empty()) {
      carry = Carry{style, description, cost, retail};
    }
  }
  return out;
}

} // namespace collproc::po
