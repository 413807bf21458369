#pragma once
// The values of the item_generation job (SPEC §1, steps 2-7), stored as JSON
// payloads like those of model/types.hpp.

#include "core/model/types.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace collproc::model {

// Step 2: the order table found in the PO, below any preamble.
struct PoRow {
  int source_row = 0;             // 1-based row (XLSX/CSV) or line number (PDF) in the source
  std::vector<std::string> cells; // one per header column; "" when empty
};
struct PoTable {
  std::string sheet;  // XLSX sheet name, "" for CSV, "page 1-3" for PDF
  int header_row = 0; // 1-based source row of the header
  std::vector<std::string> header;
  std::vector<PoRow> rows;        // data rows below the header, blank rows included
  std::vector<std::string> notes; // what the reader decided ("sheet 'Order' chosen: ...")
};

// Step 3: what each column holds. field is one of: style_number, color, size,
// quantity, size_run, unit_cost, retail_price, description, upc, ignore.
struct ColumnAssignment {
  int column = 0;
  std::string header;
  std::string field;
  std::string size_label; // for size_run: the size this column counts
  std::string evidence;   // why: "header 'Style #' is a style-number synonym"
};
struct ColumnMapping {
  std::vector<ColumnAssignment> columns;
  std::string engine; // "heuristic" or "openai:<model>"
};

// Step 4: one SKU per style+colour+size.
struct Sku {
  std::string style_number;
  std::string color;
  std::string size;
  int quantity = 0;
  std::optional<double> unit_cost;
  std::optional<double> retail_price;
  std::string description;
  std::string upc;
  std::vector<int> rows; // source rows it came from
};

// Step 5: a SKU joined to its linesheet product.
struct EnrichedSku {
  Sku sku;
  std::optional<std::string> product_id;
  std::string match; // "exact", "normalised", "nearest 0.91", "none"
};

// Step 6 and 7: SPEC §5's item.
struct Item {
  std::string item_id;
  std::string style_number;
  std::string name;
  std::string color;
  std::string category;
  std::map<std::string, int> sizes;
  int total_quantity = 0;
  std::optional<double> unit_cost;
  std::optional<double> retail_price;
  std::string currency;
  bool on_linesheet = false;
  std::vector<std::string> images; // "images/<sha256>.<ext>"
  std::string po_document_id;
  std::vector<int> rows;
};

void to_json(nlohmann::json&, const PoRow&);
void from_json(const nlohmann::json&, PoRow&);
void to_json(nlohmann::json&, const PoTable&);
void from_json(const nlohmann::json&, PoTable&);
void to_json(nlohmann::json&, const ColumnAssignment&);
void from_json(const nlohmann::json&, ColumnAssignment&);
void to_json(nlohmann::json&, const ColumnMapping&);
void from_json(const nlohmann::json&, ColumnMapping&);
void to_json(nlohmann::json&, const Sku&);
void from_json(const nlohmann::json&, Sku&);
void to_json(nlohmann::json&, const EnrichedSku&);
void from_json(const nlohmann::json&, EnrichedSku&);
void to_json(nlohmann::json&, const Item&);
void from_json(const nlohmann::json&, Item&);

} // namespace collproc::model
