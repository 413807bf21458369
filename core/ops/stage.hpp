#pragma once
// `collproc add`: validate documents and stage them in the state file.

#include "core/model/types.hpp"
#include "core/state/state_store.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace collproc::ops {

struct StageRequest {
  std::string collection;
  std::vector<std::filesystem::path> linesheets;
  std::vector<std::filesystem::path> pos;
};

struct StagedDocument {
  model::DocumentRecord document;
  bool added = false;                // false: the same content was already staged
  std::vector<std::string> replaced; // document_ids of older versions of the same file name
};

// What kind of file this is by its content, not its name: "pdf", "xlsx",
// "csv". Throws Error(bad_input) naming the file when it is none of them
// (or Error(not_found) when it does not exist).
std::string detect_format(const std::filesystem::path& path);

// Validates every file first (type, readability: a PDF must open and have
// pages; an XLSX must be a readable workbook; a CSV must be text), then
// copies each into the blob store and commits all rows in one transaction,
// so a failed add leaves the state file unchanged. Adding the same content
// again is a no-op; a new version of a file name already staged replaces it.
// A change resets the affected jobs to idle so `batch` picks them up.
std::vector<StagedDocument> stage_documents(state::StateStore& store, const StageRequest& request);

} // namespace collproc::ops
