// Categories from section headings, else from product names.

#include "core/ai/heuristic_categories.hpp"

#include "core/ai/heuristic_products.hpp"
#include "core/ai/heuristic_text.hpp"

#include <algorithm>

namespace collproc::ai::heuristic {

namespace {

void add_once(std::vector<std::string>& list, const std::string& value)
{
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) {
    list.push_back(value);
  }
}

} // namespace

std::vector<std::string> categories(const CategoryRequest& request, const UnitCallback& on_unit)
{
  std::vector<std::string> from_headings;
  std::vector<std::vector<Heading>> headings; // per linesheet, for the product pass
  for (const LinesheetText& sheet : request.linesheets) {
    headings.push_back(find_headings(sheet.pages));
    for (const Heading& h : headings.back()) {
      add_once(from_headings, title_case(h.text));
    }
  }
  if (!from_headings.empty()) {
    // Section headings win: the products, whose names would be the fallback,
    // need not be read (half of this phase's time otherwise).
    for (const LinesheetText& sheet : request.linesheets) {
      for (std::size_t page = 0; page < sheet.pages.size(); ++page) {
        if (on_unit) {
          on_unit();
        }
      }
    }
    return from_headings;
  }
  std::vector<std::string> from_names;
  for (std::size_t i = 0; i < request.linesheets.size(); ++i) {
    // Products are read page by page; the callback marks each page done.
    for (const model::Product& p : products(request.linesheets[i].pages, request.linesheets[i].kept,
                                            {}, headings[i], on_unit)) {
      // The category the product prints (a category column, a "Category:"
      // label), else the one its name falls in.
      if (!p.category.empty()) {
        add_once(from_names, p.category);
      } else if (auto c = taxonomy_category(p.name)) {
        add_once(from_names, *c);
      }
    }
  }
  return from_names;
}

} // namespace collproc::ai::heuristic
