#pragma once
// Reading the checkpointed outputs of earlier phases back as model values.

#include "core/model/types.hpp"
#include "core/state/state_store.hpp"

#include <map>
#include <string>
#include <vector>

namespace collproc::phases {

// Phase 1's placements of one document, one entry per page (pages in order).
std::vector<model::PageImages> page_images(state::StateStore& store, const std::string& collection,
                                           const std::string& document_id);
// Phase 2's text of one document, one entry per page; with
// TextDetail::words, lines and blocks are skipped while parsing.
std::vector<model::TextPage> text_pages(state::StateStore& store, const std::string& collection,
                                        const std::string& document_id,
                                        model::TextDetail detail = model::TextDetail::full);
// Phase 3's decisions of one document, by image_id.
std::map<std::string, model::ImageDecision>
decisions(state::StateStore& store, const std::string& collection, const std::string& document_id);
// Phase 4's categories.
std::vector<std::string> categories(state::StateStore& store, const std::string& collection);
// Phase 5's products of one document.
std::vector<model::Product> products(state::StateStore& store, const std::string& collection,
                                     const std::string& document_id);
// Phase 6's matches of one document.
std::vector<model::ImageMatch> matches(state::StateStore& store, const std::string& collection,
                                       const std::string& document_id);

// Every product of every linesheet of the collection, linesheets in order.
std::vector<model::Product> all_products(state::StateStore& store, const std::string& collection);

// The whole output (unit 0, document '') of a phase as T; T{} when absent.
template <typename T>
T whole_output(state::StateStore& store, const std::string& collection, const char* phase)
{
  const auto payload = store.output(collection, phase, "", 0);
  return payload ? nlohmann::json::parse(*payload).get<T>() : T{};
}

// Page images with only the placements phase 3 kept.
std::vector<model::PageImages> kept_images(state::StateStore& store, const std::string& collection,
                                           const std::string& document_id);

} // namespace collproc::phases
