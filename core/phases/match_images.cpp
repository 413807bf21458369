// Phase 6: kept images assigned to products by layout geometry, as a global
// assignment; a product may get several images, an image at most one product.

#include "core/layout/match.hpp"
#include "core/phases/catalog.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

namespace collproc::phases {

namespace {

class MatchImages final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_match_images); }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto docs = ctx.store.documents(ctx.collection, model::DocumentKind::linesheet);
    ctx.set_units(static_cast<int>(docs.size()), "document");
    for (const auto& doc : docs) {
      layout::MatchInput input{products(ctx.store, ctx.collection, doc.document_id),
                               kept_images(ctx.store, ctx.collection, doc.document_id)};
      const auto matches = layout::match_images(input);
      ctx.count("matched", static_cast<int64_t>(matches.size()));
      ctx.stage(doc.document_id, 0, model::dump_list(matches));
      ctx.advance();
    }
  }
};

} // namespace

const runner::Phase& match_images_phase()
{
  static const MatchImages k_phase;
  return k_phase;
}

} // namespace collproc::phases
