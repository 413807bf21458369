// The embedded engine: layout and keyword rules, offline and deterministic.
// It only routes each question to the module that answers it.

#include "core/ai/heuristic_categories.hpp"
#include "core/ai/heuristic_products.hpp"
#include "core/ai/provider.hpp"
#include "core/po/columns.hpp"

namespace collproc::ai {

namespace {

class HeuristicProvider final : public Provider {
public:
  // Bump when a rule changes what the engine answers (2: segmentation, records
  // and field roles).
  std::string fingerprint() const override { return "heuristic/2"; }

  std::vector<std::string> categories(const CategoryRequest& request,
                                      const UnitCallback& on_unit) override
  {
    return heuristic::categories(request, on_unit);
  }

  std::vector<model::Product> products(const ProductRequest& request,
                                       const UnitCallback& on_unit) override
  {
    return heuristic::products(request, on_unit);
  }

  model::ColumnMapping columns(const ColumnRequest& request, const UnitCallback& on_unit) override
  {
    on_unit();
    return po::identify_columns(request.table);
  }

  // The layout rules group words themselves (layout::segments).
  model::TextDetail text_detail() const override { return model::TextDetail::words; }
};

} // namespace

std::unique_ptr<Provider> make_heuristic_provider()
{
  return std::make_unique<HeuristicProvider>();
}

} // namespace collproc::ai
