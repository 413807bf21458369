// Step 3: what each PO column holds (style, colour, size, quantity, size-run
// columns, prices, UPC...), with the evidence for each choice.

#include "core/phases/catalog.hpp"
#include "core/phases/engine.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

namespace collproc::phases {

namespace {

class IdentifyColumns final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_identify_columns); }

  std::string options_fingerprint(const runner::RunOptions& options) const override
  {
    return engine_fingerprint(options);
  }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto table = whole_output<model::PoTable>(ctx.store, ctx.collection, k_parse_po);
    const auto engine = make_provider(ctx.options, ctx.store);
    ctx.set_units(1, "request");
    model::ColumnMapping mapping;
    try {
      mapping = engine->columns({table}, [&] { ctx.advance(); });
    } catch (const Error& e) {
      const auto po =
          whole_output<nlohmann::json>(ctx.store, ctx.collection, k_fetch_po).at("document");
      rethrow_for(ctx, po.at("filename").get<std::string>(), 0, e);
    }
    record_usage(ctx, *engine);
    int mapped = 0;
    for (const auto& c : mapping.columns) {
      mapped += c.field != "ignore" ? 1 : 0;
    }
    ctx.count("columns", mapped);
    ctx.stage("", 0, nlohmann::json(mapping).dump());
  }
};

} // namespace

const runner::Phase& identify_columns_step()
{
  static const IdentifyColumns k_phase;
  return k_phase;
}

} // namespace collproc::phases
