// Step 5: each SKU joined to its linesheet product, by normalised style
// number first, then the nearest one above a threshold; unmatched SKUs are
// kept (on_linesheet false), never dropped.

#include "core/po/enrich.hpp"
#include "core/phases/catalog.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

namespace collproc::phases {

namespace {

class Enrich final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_enrich); }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto skus = whole_output<nlohmann::json>(ctx.store, ctx.collection, k_extract_skus)
                          .at("skus")
                          .get<std::vector<model::Sku>>();
    const auto enriched = po::enrich(skus, all_products(ctx.store, ctx.collection));
    for (const auto& e : enriched) {
      ctx.count(e.product_id ? "matched" : "not_on_linesheet", 1);
    }
    ctx.stage("", 0, model::dump_list(enriched));
  }
};

} // namespace

const runner::Phase& enrich_step()
{
  static const Enrich k_phase;
  return k_phase;
}

} // namespace collproc::phases
