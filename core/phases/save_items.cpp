// Step 7: the collection's items, replacing the previous ones in the same
// transaction as the step's checkpoint (the runner commits whole steps so).

#include "core/phases/catalog.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

namespace collproc::phases {

namespace {

class SaveItems final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_save_items); }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto items =
        whole_output<std::vector<model::Item>>(ctx.store, ctx.collection, k_build_items);
    int on = 0;
    for (const auto& item : items) {
      on += item.on_linesheet ? 1 : 0;
    }
    ctx.count("items", static_cast<int64_t>(items.size()));
    ctx.count("not_on_linesheet", static_cast<int64_t>(items.size()) - on);
    ctx.stage("", 0, model::dump_list(items));
  }
};

} // namespace

const runner::Phase& save_items_step()
{
  static const SaveItems k_phase;
  return k_phase;
}

} // namespace collproc::phases
