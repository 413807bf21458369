#include "core/phases/phase_table.hpp"

#include "core/phases/phases.hpp"
#include "core/util/suggest.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace collproc::phases {

const std::vector<const runner::Phase*>& table(state::JobKind job)
{
  // document_processing (SPEC §1), in order:
  static const std::vector<const runner::Phase*> k_documents{
      &extract_images_phase(),      // 1: every placed image, stored once
      &extract_text_phase(),        // 2: words with boxes, lines, blocks
      &filter_images_phase(),       // 3: keep product photos, drop the rest with a reason
      &generate_categories_phase(), // 4: the collection's categories
      &extract_products_phase(),    // 5: structured products per linesheet
      &match_images_phase(),        // 6: images assigned to products
  };
  // item_generation (SPEC §1), in order:
  static const std::vector<const runner::Phase*> k_items{
      &fetch_po_step(),         // 1: the collection's purchase order
      &parse_po_step(),         // 2: its order table, below any preamble
      &identify_columns_step(), // 3: which column holds what
      &extract_skus_step(),     // 4: one SKU per style+colour+size
      &enrich_step(),           // 5: each SKU joined to its linesheet product
      &build_items_step(),      // 6: one item per style+colour
      &save_items_step(),       // 7: the items, replaced in one transaction
  };
  return job == state::JobKind::documents ? k_documents : k_items;
}

std::vector<const runner::Phase*> all_phases()
{
  std::vector<const runner::Phase*> out = table(state::JobKind::documents);
  const auto& items = table(state::JobKind::items);
  out.insert(out.end(), items.begin(), items.end());
  return out;
}

const runner::Phase* find(const std::string& name)
{
  for (const runner::Phase* phase : all_phases()) {
    if (name == phase->info().name) {
      return phase;
    }
  }
  return nullptr;
}

const runner::Phase& require(const std::string& name)
{
  if (const runner::Phase* phase = find(name)) {
    return *phase;
  }
  std::vector<std::string> candidates;
  for (const runner::Phase* phase : all_phases()) {
    candidates.push_back(phase->info().name);
  }
  const std::string best = util::closest_match(name, candidates);
  throw Error(ExitCode::usage,
              best.empty() ? fmt::format("unknown phase '{}'", name)
                           : fmt::format("unknown phase '{}', did you mean '{}'?", name, best),
              fmt::format("phases and steps: {}", fmt::join(candidates, ", ")));
}

} // namespace collproc::phases
