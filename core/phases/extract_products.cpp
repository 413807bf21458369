// Phase 5: structured products per linesheet, from the page layout (cards in
// a grid, rows in a table, sections under headings); IDs assigned here so
// they stay deterministic whichever engine answered.

#include "core/phases/catalog.hpp"
#include "core/phases/engine.hpp"
#include "core/phases/ids.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"

#include <map>

namespace collproc::phases {

namespace {

class ExtractProducts final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_extract_products); }

  std::string options_fingerprint(const runner::RunOptions& options) const override
  {
    return engine_fingerprint(options);
  }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto docs = ctx.store.documents(ctx.collection, model::DocumentKind::linesheet);
    const auto cats = categories(ctx.store, ctx.collection);
    int pages = 0;
    for (const auto& doc : docs) {
      pages += doc.pages;
    }
    ctx.set_units(pages, "page");
    const auto engine = make_provider(ctx.options, ctx.store);
    for (const auto& doc : docs) {
      std::vector<model::Product> products;
      {
        // The document's text is freed before its products are serialised.
        const ai::ProductRequest request{
            doc, text_pages(ctx.store, ctx.collection, doc.document_id, engine->text_detail()),
            kept_images(ctx.store, ctx.collection, doc.document_id), cats};
        try {
          products = engine->products(request, [&] { ctx.advance(); });
        } catch (const Error& e) {
          rethrow_for(ctx, doc.filename, 0, e);
        }
      }
      // A style printed twice in one linesheet still gets distinct IDs.
      std::map<std::string, int> seen;
      for (auto& product : products) {
        product.document_id = doc.document_id;
        product.product_id = product_id(ctx.collection, doc.sha256, product.style_number,
                                        seen[product.style_number]++);
      }
      ctx.count("products", static_cast<int64_t>(products.size()));
      ctx.stage(doc.document_id, 0, model::dump_list(products));
    }
    record_usage(ctx, *engine);
  }
};

} // namespace

const runner::Phase& extract_products_phase()
{
  static const ExtractProducts k_phase;
  return k_phase;
}

} // namespace collproc::phases
