// Step 6: one item per style+colour with per-size quantities, total, prices,
// name, category and the product's images (best match first).

#include "core/phases/catalog.hpp"
#include "core/phases/ids.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"
#include "core/po/items.hpp"

#include <algorithm>

namespace collproc::phases {

namespace {

class BuildItems final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_build_items); }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto enriched =
        whole_output<std::vector<model::EnrichedSku>>(ctx.store, ctx.collection, k_enrich);
    const auto po = whole_output<nlohmann::json>(ctx.store, ctx.collection, k_fetch_po)
                        .at("document")
                        .get<model::DocumentRecord>();
    std::map<std::string, std::vector<std::string>> images_by_product;
    for (const auto& doc : ctx.store.documents(ctx.collection, model::DocumentKind::linesheet)) {
      std::map<std::string, model::ImagePlacement> placements;
      for (const auto& page : page_images(ctx.store, ctx.collection, doc.document_id)) {
        for (const auto& p : page.placements) {
          placements.emplace(p.image_id, p);
        }
      }
      auto found = matches(ctx.store, ctx.collection, doc.document_id);
      std::stable_sort(found.begin(), found.end(),
                       [](const auto& a, const auto& b) { return a.score > b.score; });
      for (const auto& m : found) {
        if (const auto it = placements.find(m.image_id); it != placements.end()) {
          auto& paths = images_by_product[m.product_id];
          const auto path = image_path(it->second.sha256, it->second.format);
          if (std::find(paths.begin(), paths.end(), path) == paths.end()) {
            paths.push_back(path);
          }
        }
      }
    }
    const auto items = po::build_items(enriched, all_products(ctx.store, ctx.collection),
                                       images_by_product, ctx.collection, po);
    ctx.count("items", static_cast<int64_t>(items.size()));
    ctx.stage("", 0, model::dump_list(items));
  }
};

} // namespace

const runner::Phase& build_items_step()
{
  static const BuildItems k_phase;
  return k_phase;
}

} // namespace collproc::phases
