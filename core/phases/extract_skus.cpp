// Step 4: one SKU per style+colour+size with its quantity, from either shape
// of PO (a size column, or one column per size); totals, subtotals and blank
// rows are skipped and reported.

#include "core/phases/catalog.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"
#include "core/po/skus.hpp"

#include <fmt/format.h>

namespace collproc::phases {

namespace {

class ExtractSkus final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_extract_skus); }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto table = whole_output<model::PoTable>(ctx.store, ctx.collection, k_parse_po);
    const auto mapping =
        whole_output<model::ColumnMapping>(ctx.store, ctx.collection, k_identify_columns);
    const po::SkuExtraction result = po::extract_skus(table, mapping);
    if (result.skus.empty()) {
      throw Error(ExitCode::bad_input,
                  fmt::format("{}: {}: no order lines found: expected rows with a style and a "
                              "quantity below the header",
                              ctx.collection, ctx.info.name),
                  fmt::format("check the PO with 'collproc show parse-po {}' and 'collproc show "
                              "identify-columns {}'",
                              ctx.collection, ctx.collection));
    }
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& s : result.skipped) {
      skipped.push_back({{"row", s.source_row}, {"reason", s.reason}});
    }
    ctx.count("skus", static_cast<int64_t>(result.skus.size()));
    ctx.count("skipped_rows", static_cast<int64_t>(result.skipped.size()));
    ctx.stage("", 0, nlohmann::json{{"skus", result.skus}, {"skipped", skipped}}.dump());
  }
};

} // namespace

const runner::Phase& extract_skus_step()
{
  static const ExtractSkus k_phase;
  return k_phase;
}

} // namespace collproc::phases
