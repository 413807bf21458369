// Phase 3: keep or drop every placement with a reason. A document is the
// unit: repetition across pages needs all of its pages at once.

#include "core/images/filter.hpp"
#include "core/phases/catalog.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

namespace collproc::phases {

namespace {

class FilterImages final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_filter_images); }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto docs = ctx.store.documents(ctx.collection, model::DocumentKind::linesheet);
    int total = 0;
    std::vector<std::vector<model::PageImages>> pages_of;
    std::vector<int> placements_of;
    for (const auto& doc : docs) {
      pages_of.push_back(page_images(ctx.store, ctx.collection, doc.document_id));
      placements_of.push_back(0);
      for (const auto& page : pages_of.back()) {
        placements_of.back() += static_cast<int>(page.placements.size());
      }
      total += placements_of.back();
    }
    ctx.set_units(total, "image");
    for (size_t d = 0; d < docs.size(); ++d) {
      const auto& doc = docs[d];
      if (ctx.unit_done(doc.document_id, 0)) {
        ctx.advance(placements_of[d]);
        continue;
      }
      try {
        const auto decisions = images::filter_images(
            pages_of[d], [&](const std::string& sha) { return ctx.store.blobs().read(sha); },
            [&] { ctx.cancel.throw_if_requested(); });
        for (const auto& decision : decisions) {
          ctx.count(decision.keep ? "kept" : "dropped", 1);
        }
        ctx.commit_unit(doc.document_id, 0, model::dump_list(decisions));
        ctx.advance(static_cast<int>(decisions.size()));
      } catch (const Error& e) {
        rethrow_for(ctx, doc.filename, 0, e);
      }
    }
  }
};

} // namespace

const runner::Phase& filter_images_phase()
{
  static const FilterImages k_phase;
  return k_phase;
}

} // namespace collproc::phases
