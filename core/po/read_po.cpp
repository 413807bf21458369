#include "core/po/read_po.hpp"

#include "core/po/csv_reader.hpp"
#include "core/po/xlsx_reader.hpp"
#include "core/util/error.hpp"

namespace collproc::po {

model::PoTable read_po(const std::filesystem::path& path, const std::string& display_name,
                       const std::string& format)
{
  if (format == "xlsx") {
    return read_xlsx(path, display_name);
  }
  if (format == "csv") {
    return read_csv(path, display_name);
  }
  if (format == "pdf") {
    throw Error(ExitCode::usage, display_name + ": read_po does not read PDFs",
                "extract the pages' text and call po::table_from_pdf_pages");
  }
  throw Error(ExitCode::bad_input,
              display_name + ": unknown purchase order format '" + format + "'",
              "use an .xlsx, .csv or .pdf purchase order");
}

} // namespace collproc::po
