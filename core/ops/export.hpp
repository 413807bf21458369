#pragma once
// `collproc export`: SPEC §5's collection.json, built from checkpointed
// outputs only. Keys sorted, arrays in a stable order, no timestamps: the
// same inputs and options give byte-identical output.

#include "core/state/state_store.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace collproc::ops {

nlohmann::json export_collection(state::StateStore& store, const std::string& collection);

// The export as text: two-space indented JSON, keys sorted except that each
// item's sizes are in human order (XS S M L, 2 4 8), and a final newline.
std::string export_text(const nlohmann::json& exported);

// Writes dir/collection.json and every image it names under dir/images/,
// each file atomically (temporary name, then rename).
void export_to_directory(state::StateStore& store, const nlohmann::json& exported,
                         const std::filesystem::path& dir);

} // namespace collproc::ops
