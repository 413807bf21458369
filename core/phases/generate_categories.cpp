// Phase 4: the collection's category list, from the linesheets' own section
// headings where they have them, else from product names (the engine decides).

#include "core/phases/catalog.hpp"
#include "core/phases/engine.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

namespace collproc::phases {

namespace {

class GenerateCategories final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_generate_categories); }

  std::string options_fingerprint(const runner::RunOptions& options) const override
  {
    return engine_fingerprint(options);
  }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto engine = make_provider(ctx.options, ctx.store);
    ai::CategoryRequest request;
    int pages = 0;
    for (const auto& doc : ctx.store.documents(ctx.collection, model::DocumentKind::linesheet)) {
      // The kept photos tell the engine where products are when it reads
      // their names for categories, as they do in extract-products.
      request.linesheets.push_back(
          {doc, text_pages(ctx.store, ctx.collection, doc.document_id, engine->text_detail()),
           kept_images(ctx.store, ctx.collection, doc.document_id)});
      pages += static_cast<int>(request.linesheets.back().pages.size());
    }
    ctx.set_units(pages, "page");
    std::vector<std::string> categories;
    try {
      categories = engine->categories(request, [&] { ctx.advance(); });
    } catch (const Error& e) {
      throw Error(e.code(), ctx.collection + ": " + ctx.info.name + ": " + e.what(), e.hint());
    }
    record_usage(ctx, *engine);
    ctx.count("categories", static_cast<int64_t>(categories.size()));
    ctx.stage("", 0, nlohmann::json(categories).dump());
  }
};

} // namespace

const runner::Phase& generate_categories_phase()
{
  static const GenerateCategories k_phase;
  return k_phase;
}

} // namespace collproc::phases
