#pragma once
// What the fuzz targets share: the file the path-taking readers (Poppler,
// libzip, the CSV reader) are given each input in, the check that a phase
// could store what a reader returned, and the item job's steps after a
// spreadsheet PO is read.

#include "core/model/order.hpp"
#include "core/po/columns.hpp"
#include "core/po/enrich.hpp"
#include "core/po/items.hpp"
#include "core/po/skus.hpp"
#include "core/util/error.hpp"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace collproc::fuzz {

// One file per process under the temp directory, rewritten with each input
// and removed when the process exits normally.
class FuzzFile {
public:
  explicit FuzzFile(const std::string& extension)
      : m_path(std::filesystem::temp_directory_path() /
               ("collproc-fuzz-" + std::to_string(::getpid()) + extension))
  {
  }
  ~FuzzFile()
  {
    std::error_code ignored;
    std::filesystem::remove(m_path, ignored);
  }
  FuzzFile(const FuzzFile&) = delete;
  FuzzFile& operator=(const FuzzFile&) = delete;

  const std::filesystem::path& write(std::string_view bytes)
  {
    std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::abort(); // a full disk would make every later input look fine
    }
    return m_path;
  }

private:
  std::filesystem::path m_path;
};

inline std::string_view as_text(const uint8_t* data, std::size_t size)
{
  return {reinterpret_cast<const char*>(data), size};
}

// The phases store their outputs as nlohmann::json(value).dump(); a value
// that cannot be dumped (text that is not UTF-8) fails the phase with
// json's type_error, so the targets dump what they got the same way and let
// that exception reach libFuzzer.
template <class T> void dump_as_phase_does(const T& value)
{
  (void)nlohmann::json(value).dump();
}

// Steps 2-6 of generate-items on a table a reader returned: the table must
// keep build_table's promise (every row as wide as the header), then
// identify-columns, extract-skus, enrich (no linesheet products) and
// build-items run on it, every output stored as the phases store it, and
// quantities must add up. collproc::Error (no style or quantity column) is a
// clean refusal.
inline void run_order_steps(const model::PoTable& table)
{
  for (const model::PoRow& row : table.rows) {
    if (row.cells.size() != table.header.size()) {
      std::abort();
    }
  }
  dump_as_phase_does(table);
  try {
    const model::ColumnMapping mapping = po::identify_columns(table);
    dump_as_phase_does(mapping);
    const po::SkuExtraction skus = po::extract_skus(table, mapping);
    for (const model::Sku& sku : skus.skus) {
      if (sku.quantity <= 0 || sku.rows.empty()) {
        std::abort();
      }
    }
    dump_as_phase_does(skus.skus);
    const std::vector<model::EnrichedSku> enriched = po::enrich(skus.skus, {});
    dump_as_phase_does(enriched);
    model::DocumentRecord po_document;
    po_document.document_id = "po";
    po_document.sha256 = std::string(64, '0');
    const std::vector<model::Item> items = po::build_items(enriched, {}, {}, "fuzz", po_document);
    for (const model::Item& item : items) {
      int64_t sum = 0;
      for (const auto& [size, quantity] : item.sizes) {
        sum += quantity;
      }
      if (item.total_quantity <= 0 || sum != item.total_quantity) {
        std::abort();
      }
    }
    dump_as_phase_does(items);
  } catch (const Error&) {
  }
}

} // namespace collproc::fuzz
