// Step 1: the collection's purchase order. With several staged, the newest
// wins and the others are named in the output.

#include "core/phases/catalog.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace collproc::phases {

namespace {

class FetchPo final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_fetch_po); }

  void run(runner::PhaseContext& ctx) const override
  {
    auto pos = ctx.store.documents(ctx.collection, model::DocumentKind::po);
    if (pos.empty()) {
      throw Error(
          ExitCode::job_failed, "No purchase order found",
          fmt::format(
              "add one with 'collproc add {} --po FILE', then run 'collproc retry {} --job items'",
              ctx.collection, ctx.collection));
    }
    std::stable_sort(pos.begin(), pos.end(),
                     [](const auto& a, const auto& b) { return a.added_at > b.added_at; });
    nlohmann::json out{{"document", pos.front()}, {"ignored", nlohmann::json::array()}};
    for (size_t i = 1; i < pos.size(); ++i) {
      out["ignored"].push_back(pos[i].filename);
    }
    ctx.count("documents", 1);
    ctx.stage("", 0, out.dump());
  }
};

} // namespace

const runner::Phase& fetch_po_step()
{
  static const FetchPo k_phase;
  return k_phase;
}

} // namespace collproc::phases
