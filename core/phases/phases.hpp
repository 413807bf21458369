#pragma once
// The phases and steps, one .cpp each; phase_table.cpp lists them in order.

#include "core/ai/provider.hpp"
#include "core/runner/phase.hpp"
#include "core/util/error.hpp"

#include <memory>
#include <string>

namespace collproc::phases {

const runner::Phase& extract_images_phase();
const runner::Phase& extract_text_phase();
const runner::Phase& filter_images_phase();
const runner::Phase& generate_categories_phase();
const runner::Phase& extract_products_phase();
const runner::Phase& match_images_phase();

const runner::Phase& fetch_po_step();
const runner::Phase& parse_po_step();
const runner::Phase& identify_columns_step();
const runner::Phase& extract_skus_step();
const runner::Phase& enrich_step();
const runner::Phase& build_items_step();
const runner::Phase& save_items_step();

// The engine `--ai` names (with its settings) for the phases that need one.
std::unique_ptr<ai::Provider> make_provider(const runner::RunOptions& options,
                                            state::StateStore& store);
// What of the engine enters fingerprints ("heuristic/2", "openai/<model>").
std::string engine_fingerprint(const runner::RunOptions& options);

// Rethrows an error met while working on a document as
// "collection: file: phase: page N: what" (page 0 leaves the page out),
// keeping its exit code and hint.
[[noreturn]] void rethrow_for(const runner::PhaseContext& ctx, const std::string& filename,
                              int page, const Error& error);

} // namespace collproc::phases
