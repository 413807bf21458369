#pragma once
// The engine behind the phases that need judgement: generate-categories,
// extract-products and identify-columns. Phases call this interface and do
// not know which engine answered (`--ai heuristic` is embedded and
// deterministic; `--ai openai` speaks an OpenAI-compatible endpoint).

#include "core/model/order.hpp"
#include "core/model/types.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace collproc::ai {

// Called once per unit of work (a page, a request); it throws
// collproc::Cancelled when the job is being cancelled.
using UnitCallback = std::function<void()>;

struct LinesheetText {
  model::DocumentRecord document;
  std::vector<model::TextPage> pages;  // every page, in order, as text_detail() asks
  std::vector<model::PageImages> kept; // kept placements per page (phase 3)
};

struct CategoryRequest {
  std::vector<LinesheetText> linesheets;
};

struct ProductRequest {
  model::DocumentRecord document;
  std::vector<model::TextPage> pages;  // every page, in order, as text_detail() asks
  std::vector<model::PageImages> kept; // kept placements per page (phase 3)
  std::vector<std::string> categories; // phase 4's list; each product gets one
};

struct ColumnRequest {
  model::PoTable table;
};

// What an engine spent on the questions it answered so far (zero for the
// heuristic engine); phases record it in their counts.
struct Usage {
  int64_t requests = 0; // HTTP requests that got a reply
  int64_t cached = 0;   // answers taken from the reply cache
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  std::vector<std::string> fallbacks; // why the heuristic engine answered instead, one per question
};

class Provider {
public:
  virtual ~Provider() = default;
  // Goes into phase fingerprints: a new engine or version reruns the phase.
  virtual std::string fingerprint() const = 0;
  virtual std::vector<std::string> categories(const CategoryRequest&, const UnitCallback&) = 0;
  // Products of one linesheet. product_id and document_id are left for the
  // caller to fill.
  virtual std::vector<model::Product> products(const ProductRequest&, const UnitCallback&) = 0;
  virtual model::ColumnMapping columns(const ColumnRequest&, const UnitCallback&) = 0;
  // Totals since the provider was made.
  virtual Usage usage() const { return {}; }
  // What of each page's text the requests must carry.
  virtual model::TextDetail text_detail() const { return model::TextDetail::full; }
};

std::unique_ptr<Provider> make_heuristic_provider();

} // namespace collproc::ai
