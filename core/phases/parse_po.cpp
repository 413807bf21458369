// Step 2: the PO's order table: header row found below any preamble, data
// rows with their source row numbers, merged cells resolved. PDFs are read
// word by word and the table rebuilt from positions.

#include "core/pdf/page_workers.hpp"
#include "core/pdf/pdf_document.hpp"
#include "core/phases/catalog.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/phases/phases.hpp"
#include "core/po/pdf_table.hpp"
#include "core/po/read_po.hpp"

#include <numeric>
#include <vector>

namespace collproc::phases {

namespace {

class ParsePo final : public runner::Phase {
public:
  const runner::PhaseInfo& info() const override { return phase_info(k_parse_po); }

  void run(runner::PhaseContext& ctx) const override
  {
    const auto po = whole_output<nlohmann::json>(ctx.store, ctx.collection, k_fetch_po)
                        .at("document")
                        .get<model::DocumentRecord>();
    const auto path = ctx.store.blobs().path_of(po.sha256);
    model::PoTable table;
    try {
      if (po.format == "pdf") {
        // Poppler reads the untrusted file in worker processes, as in phase 2.
        const int count = pdf::isolated_page_count(path, po.filename);
        ctx.set_units(count, "page");
        std::vector<int> numbers(static_cast<std::size_t>(count));
        std::iota(numbers.begin(), numbers.end(), 1);
        pdf::PageWorkers pool(
            path, po.filename, numbers,
            [](pdf::Document& pdf, int page) {
              model::TextPage text = pdf::extract_text(pdf, page);
              text.page = page;
              return nlohmann::json(text).dump();
            },
            pdf::default_page_workers());
        std::vector<model::TextPage> pages;
        for (int page = 1; page <= count; ++page) {
          pages.push_back(nlohmann::json::parse(pool.next([&ctx] {
                            ctx.cancel.throw_if_requested();
                          })).get<model::TextPage>());
          ctx.advance();
        }
        table = po::table_from_pdf_pages(pages, po.filename);
      } else {
        table = po::read_po(path, po.filename, po.format);
      }
    } catch (const Error& e) {
      rethrow_for(ctx, po.filename, 0, e);
    }
    ctx.count("rows", static_cast<int64_t>(table.rows.size()));
    ctx.stage("", 0, nlohmann::json(table).dump());
  }
};

} // namespace

const runner::Phase& parse_po_step()
{
  static const ParsePo k_phase;
  return k_phase;
}

} // namespace collproc::phases
