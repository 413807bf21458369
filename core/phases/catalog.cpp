#include "core/phases/catalog.hpp"

#include "core/phases/names.hpp"

#include <stdexcept>
#include <string>

namespace collproc::phases {

namespace {

using runner::Granularity;
using runner::KeepOnCancel;
using runner::PhaseInputs;
using state::JobKind;

// name, label, job, number, version, inputs, kept on cancel, checkpoint unit
const std::vector<runner::PhaseInfo> k_documents{
    {k_extract_images, "Extracting images from documents", JobKind::documents, 1, 1,
     PhaseInputs::linesheets, KeepOnCancel::yes, Granularity::per_unit},
    {k_extract_text, "Extracting text with positions", JobKind::documents, 2, 1,
     PhaseInputs::linesheets, KeepOnCancel::yes, Granularity::per_unit},
    {k_filter_images, "Filtering product images", JobKind::documents, 3, 1, PhaseInputs::linesheets,
     KeepOnCancel::yes, Granularity::per_unit},
    {k_generate_categories, "Generating categories", JobKind::documents, 4, 1, PhaseInputs::none,
     KeepOnCancel::no, Granularity::whole},
    {k_extract_products, "Extracting structured products", JobKind::documents, 5, 1,
     PhaseInputs::none, KeepOnCancel::no, Granularity::whole},
    {k_match_images, "Matching images to products", JobKind::documents, 6, 1, PhaseInputs::none,
     KeepOnCancel::no, Granularity::whole},
};

const std::vector<runner::PhaseInfo> k_items{
    {k_fetch_po, "Fetching purchase order", JobKind::items, 1, 1, PhaseInputs::po,
     KeepOnCancel::yes, Granularity::whole},
    {k_parse_po, "Parsing purchase order", JobKind::items, 2, 1, PhaseInputs::none,
     KeepOnCancel::yes, Granularity::whole},
    {k_identify_columns, "Identifying columns with AI", JobKind::items, 3, 1, PhaseInputs::none,
     KeepOnCancel::no, Granularity::whole},
    {k_extract_skus, "Extracting SKU data", JobKind::items, 4, 1, PhaseInputs::none,
     KeepOnCancel::no, Granularity::whole},
    {k_enrich, "Enriching from linesheet", JobKind::items, 5, 1, PhaseInputs::none,
     KeepOnCancel::no, Granularity::whole},
    {k_build_items, "Generating item objects", JobKind::items, 6, 1, PhaseInputs::none,
     KeepOnCancel::no, Granularity::whole},
    {k_save_items, "Saving", JobKind::items, 7, 1, PhaseInputs::none, KeepOnCancel::no,
     Granularity::whole},
};

} // namespace

const std::vector<runner::PhaseInfo>& catalog(state::JobKind job)
{
  return job == JobKind::documents ? k_documents : k_items;
}

const runner::PhaseInfo& phase_info(std::string_view name)
{
  for (const auto* list : {&k_documents, &k_items}) {
    for (const auto& info : *list) {
      if (name == info.name) {
        return info;
      }
    }
  }
  throw std::logic_error("no catalog entry for phase " + std::string(name));
}

} // namespace collproc::phases
