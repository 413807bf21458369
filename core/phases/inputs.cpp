#include "core/phases/inputs.hpp"

#include "core/phases/names.hpp"
#include "core/runner/cancel.hpp"
#include "core/util/error.hpp"
#include "core/util/parallel.hpp"

namespace collproc::phases {

namespace {

// Which top-level keys of a payload to build while parsing it; nullptr: all.
using KeepKey = bool (*)(const std::string& key);

bool words_only(const std::string& key)
{
  return key != "lines" && key != "blocks";
}

template <typename T> T parse_as(const std::string& payload, KeepKey keep)
{
  if (keep == nullptr) {
    return nlohmann::json::parse(payload).template get<T>();
  }
  const auto filter = [keep](int depth, nlohmann::json::parse_event_t event,
                             nlohmann::json& parsed) {
    return depth != 1 || event != nlohmann::json::parse_event_t::key ||
           keep(parsed.template get_ref<const std::string&>());
  };
  return nlohmann::json::parse(payload, filter).template get<T>();
}

template <typename T>
std::vector<T> per_unit(state::StateStore& store, const std::string& collection, const char* phase,
                        const std::string& document_id, KeepKey keep = nullptr)
{
  // Parsing 200 pages of JSON is most of a later phase's time: pages are
  // parsed on every core, a few at a time so that memory holds the parsed
  // document but never all of its JSON, and cancellably page by page.
  const int threads = util::cpu_threads();
  const std::size_t batch = 8 * static_cast<std::size_t>(threads);
  std::vector<T> out;
  std::vector<std::string> payloads;
  const auto parse_batch = [&] {
    const std::size_t first = out.size();
    out.resize(first + payloads.size());
    util::parallel_for(payloads.size(), threads, [&](std::size_t i) {
      if (runner::pending_signal() != 0) {
        throw Cancelled();
      }
      out[first + i] = parse_as<T>(payloads[i], keep);
    });
    payloads.clear();
  };
  store.each_output(collection, phase, document_id, [&](state::OutputRow&& row) {
    payloads.push_back(std::move(row.payload));
    if (payloads.size() == batch) {
      parse_batch();
    }
  });
  parse_batch();
  return out;
}

template <typename T>
T whole(state::StateStore& store, const std::string& collection, const char* phase,
        const std::string& document_id)
{
  const auto payload = store.output(collection, phase, document_id, 0);
  return payload ? nlohmann::json::parse(*payload).get<T>() : T{};
}

} // namespace

std::vector<model::PageImages> page_images(state::StateStore& store, const std::string& collection,
                                           const std::string& document_id)
{
  return per_unit<model::PageImages>(store, collection, k_extract_images, document_id);
}

std::vector<model::TextPage> text_pages(state::StateStore& store, const std::string& collection,
                                        const std::string& document_id, model::TextDetail detail)
{
  return per_unit<model::TextPage>(store, collection, k_extract_text, document_id,
                                   detail == model::TextDetail::words ? words_only : nullptr);
}

std::map<std::string, model::ImageDecision>
decisions(state::StateStore& store, const std::string& collection, const std::string& document_id)
{
  std::map<std::string, model::ImageDecision> out;
  for (auto& d :
       whole<std::vector<model::ImageDecision>>(store, collection, k_filter_images, document_id)) {
    out.emplace(d.image_id, d);
  }
  return out;
}

std::vector<std::string> categories(state::StateStore& store, const std::string& collection)
{
  return whole<std::vector<std::string>>(store, collection, k_generate_categories, "");
}

std::vector<model::Product> products(state::StateStore& store, const std::string& collection,
                                     const std::string& document_id)
{
  return whole<std::vector<model::Product>>(store, collection, k_extract_products, document_id);
}

std::vector<model::ImageMatch> matches(state::StateStore& store, const std::string& collection,
                                       const std::string& document_id)
{
  return whole<std::vector<model::ImageMatch>>(store, collection, k_match_images, document_id);
}

std::vector<model::Product> all_products(state::StateStore& store, const std::string& collection)
{
  std::vector<model::Product> out;
  for (const auto& doc : store.documents(collection, model::DocumentKind::linesheet)) {
    auto part = products(store, collection, doc.document_id);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

std::vector<model::PageImages> kept_images(state::StateStore& store, const std::string& collection,
                                           const std::string& document_id)
{
  const auto keep = decisions(store, collection, document_id);
  auto pages = page_images(store, collection, document_id);
  for (auto& page : pages) {
    std::erase_if(page.placements, [&](const model::ImagePlacement& p) {
      const auto it = keep.find(p.image_id);
      return it == keep.end() || !it->second.keep;
    });
  }
  return pages;
}

} // namespace collproc::phases
