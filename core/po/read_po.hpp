#pragma once
// Step 2, parse-po, for spreadsheet POs: dispatch on the document's format.

#include "core/model/order.hpp"

#include <filesystem>
#include <string>

namespace collproc::po {

// read_xlsx for "xlsx", read_csv for "csv". Throws Error(usage) for "pdf"
// (a PDF goes through pdf::extract_text and table_from_pdf_pages) and
// Error(bad_input) for any other format.
model::PoTable read_po(const std::filesystem::path& path, const std::string& display_name,
                       const std::string& format);

} // namespace collproc::po
