#include "core/po/items.hpp"

#include "core/po/enrich.hpp"
#include "core/po/text.hpp"
#include "core/util/hash.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

namespace collproc::po {

namespace {

bool is_one_size_label(const std::string& size)
{
  const std::string f = fold(size);
  return f.empty() || f == "os" || f == "o/s" || f == "onesize" || f == "osfa" || f == "one-size";
}

// Whether `abbrev` is an abbreviation of `word`: same first letter, and its
// letters appear in order ("blk" in "black", "nvy" in "navy").
bool abbreviates(const std::string& abbrev, const std::string& word)
{
  if (abbrev.size() < 2 || abbrev.size() >= word.size() || abbrev[0] != word[0]) {
    return false;
  }
  size_t j = 0;
  for (char c : word) {
    if (j < abbrev.size() && c == abbrev[j]) {
      ++j;
    }
  }
  return j == abbrev.size();
}

} // namespace

std::string match_color(const std::string& po_color, const std::vector<std::string>& product_colors)
{
  const std::string key = fold(po_color);
  for (const std::string& c : product_colors) {
    if (fold(c) == key) {
      return c;
    }
  }
  if (key.empty() && product_colors.size() == 1) {
    return product_colors.front();
  }
  const std::string* found = nullptr;
  for (const std::string& c : product_colors) {
    if (abbreviates(key, fold(c))) {
      if (found != nullptr) {
        return po_color; // ambiguous: keep the PO's spelling
      }
      found = &c;
    }
  }
  return found != nullptr ? *found : po_color;
}

std::vector<model::Item>
build_items(const std::vector<model::EnrichedSku>& skus,
            const std::vector<model::Product>& products,
            const std::map<std::string, std::vector<std::string>>& images_by_product,
            const std::string& collection_id, const model::DocumentRecord& po)
{
  std::map<std::string, const model::Product*> by_id;
  for (const model::Product& p : products) {
    by_id.emplace(p.product_id, &p);
  }
  // Grouped by (product or normalised PO style, folded colour).
  std::map<std::pair<std::string, std::string>, model::Item> groups;
  std::set<std::pair<std::string, std::string>> po_cost; // groups priced by the PO
  for (const model::EnrichedSku& e : skus) {
    const model::Product* product = nullptr;
    if (e.product_id) {
      const auto it = by_id.find(*e.product_id);
      product = it != by_id.end() ? it->second : nullptr;
    }
    const std::string style = product != nullptr ? product->style_number : e.sku.style_number;
    const std::string color =
        product != nullptr ? match_color(e.sku.color, product->colors) : e.sku.color;
    const std::string group_style = product != nullptr
                                        ? "product:" + product->product_id
                                        : "po:" + normalise_style(e.sku.style_number);
    auto [it, fresh] = groups.try_emplace({group_style, fold(color)});
    model::Item& item = it->second;
    if (fresh) {
      item.style_number = style;
      item.color = color;
      item.on_linesheet = product != nullptr;
      item.po_document_id = po.document_id;
      item.item_id = util::Sha256()
                         .add("item")
                         .add(collection_id)
                         .add(po.sha256)
                         .add(normalise_style(style))
                         .add(fold(color))
                         .hex();
      if (product != nullptr) {
        item.name = product->name;
        item.category = product->category;
        item.currency = product->currency;
        item.retail_price = product->retail_price;
        item.unit_cost = product->wholesale_price;
        if (const auto images = images_by_product.find(product->product_id);
            images != images_by_product.end()) {
          item.images = images->second;
        }
      }
      if (item.name.empty()) {
        item.name = e.sku.description;
      }
    }
    // The PO's own prices win over the linesheet's: they are what was agreed.
    if (e.sku.unit_cost && po_cost.insert(it->first).second) {
      item.unit_cost = e.sku.unit_cost;
    }
    if (e.sku.retail_price && !item.retail_price) {
      item.retail_price = e.sku.retail_price;
    }
    std::string size = trim(e.sku.size);
    if (is_one_size_label(size)) {
      if (product != nullptr && product->sizes.size() == 1) {
        size = product->sizes.front();
      } else if (size.empty()) {
        size = "One Size";
      }
    }
    item.sizes[size] += e.sku.quantity;
    item.total_quantity += e.sku.quantity;
    for (int r : e.sku.rows) {
      item.rows.push_back(r);
    }
  }
  // An item whose style is on no linesheet is priced in the order's currency:
  // the one its linesheet items carry most (one order, one currency), not "".
  std::map<std::string, int> currencies;
  for (const auto& [key, item] : groups) {
    if (!item.currency.empty()) {
      ++currencies[item.currency];
    }
  }
  std::string order_currency;
  for (const auto& [code, n] : currencies) {
    if (order_currency.empty() || n > currencies[order_currency]) {
      order_currency = code;
    }
  }
  std::vector<model::Item> items;
  items.reserve(groups.size());
  for (auto& [key, item] : groups) {
    if (item.currency.empty() && (item.unit_cost || item.retail_price)) {
      item.currency = order_currency;
    }
    std::sort(item.rows.begin(), item.rows.end());
    item.rows.erase(std::unique(item.rows.begin(), item.rows.end()), item.rows.end());
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end(), [](const model::Item& a, const model::Item& b) {
    return std::tie(a.style_number, a.color, a.item_id) <
           std::tie(b.style_number, b.color, b.item_id);
  });
  return items;
}

} // namespace collproc::po
