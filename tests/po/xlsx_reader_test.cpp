// tests/po/xlsx_reader_test.cpp mirrors core/po/xlsx_reader.cpp
#include "core/po/read_po.hpp"
#include "core/po/xlsx_reader.hpp"
#include "core/util/error.hpp"
#include "tests/po/po_test_support.hpp"

#include <catch2/catch.hpp>
#include <zip.h>

#include <algorithm>
#include <utility>
#include <vector>

using namespace collproc;
using namespace collproc::po;
using collproc::test::po_fixture;

namespace {

bool has_note(const model::PoTable& t, const std::string& part)
{
  return std::any_of(t.notes.begin(), t.notes.end(),
                     [&](const std::string& n) { return n.find(part) != std::string::npos; });
}

ExitCode code_of(const std::string& fixture, std::string* message = nullptr)
{
  try {
    read_xlsx(po_fixture(fixture), fixture);
  } catch (const Error& e) {
    if (message != nullptr) {
      *message = e.what();
    }
    return e.code();
  }
  return ExitCode::ok;
}

// Writes a workbook of the given parts (stored, uncompressed).
void write_xlsx(const std::filesystem::path& path,
                const std::vector<std::pair<std::string, std::string>>& parts)
{
  int err = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(zip != nullptr);
  for (const auto& [name, bytes] : parts) {
    zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
    REQUIRE(source != nullptr);
    REQUIRE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(zip) == 0);
}

} // namespace

TEST_CASE("excel_serial_to_iso converts both date systems", "[po]")
{
  CHECK(excel_serial_to_iso(45730, false) == "2025-03-14");
  CHECK(excel_serial_to_iso(1, false) == "1900-01-01");
  CHECK(excel_serial_to_iso(61, false) == "1900-03-01");
  CHECK(excel_serial_to_iso(0, true) == "1904-01-01");
  CHECK(excel_serial_to_iso(45730.5, false) == "2025-03-14T12:00:00");
}

TEST_CASE("read_xlsx finds the header below a preamble and fills merged cells", "[po]")
{
  const model::PoTable t = read_xlsx(po_fixture("long.xlsx"), "long.xlsx");
  CHECK(t.sheet == "Purchase Order");
  CHECK(t.header_row == 6);
  REQUIRE(t.header.size() == 7);
  CHECK(t.header[0] == "Style #");
  REQUIRE(t.rows.size() >= 3);
  CHECK(t.rows[0].source_row == 7);
  // A7:A9 and B7:B9 are merged: the style reaches each colour row.
  CHECK(t.rows[1].cells[0] == "ss26-1042");
  CHECK(t.rows[2].cells[0] == "ss26-1042");
  CHECK(t.rows[2].cells[1] == "Linen Wrap Dress");
  CHECK(t.rows[2].cells[2] == "Ivory");
  CHECK(t.rows[0].cells[4] == "2");
  CHECK(has_note(t, "merged"));
}

TEST_CASE("read_xlsx reads dates in the preamble as ISO dates", "[po]")
{
  const std::vector<Grid> grids = read_xlsx_grids(po_fixture("long.xlsx"), "long.xlsx");
  REQUIRE(grids.size() == 1);
  const GridRow& row = grids[0].rows.at(2);
  CHECK(row.source_row == 3);
  CHECK(row.cells.at(1) == "2025-03-14");
}

TEST_CASE("read_xlsx picks the order sheet and leaves hidden rows and columns out", "[po]")
{
  const model::PoTable t = read_xlsx(po_fixture("matrix.xlsx"), "matrix.xlsx");
  CHECK(t.sheet == "Order");
  CHECK(t.header_row == 4);
  CHECK(has_note(t, "sheet 'Order' chosen"));
  CHECK(has_note(t, "'Old Order' (hidden)"));
  CHECK(std::find(t.header.begin(), t.header.end(), "Internal") == t.header.end());
  CHECK(t.header.size() == 10);
  for (const model::PoRow& r : t.rows) {
    CHECK(r.source_row != 7);
    CHECK(r.cells[0] != "SS26-3300");
  }
  CHECK(t.rows.size() == 4);
}

TEST_CASE("read_xlsx reads inline strings, prefixed XML, rich shared strings and 1904 dates",
          "[po]")
{
  const std::vector<Grid> grids = read_xlsx_grids(po_fixture("inline.xlsx"), "inline.xlsx");
  REQUIRE(grids.size() == 1);
  CHECK(grids[0].rows[0].cells.at(1) == "2024-06-19"); // 44000 in the 1904 system
  const model::PoTable t = read_xlsx(po_fixture("inline.xlsx"), "inline.xlsx");
  CHECK(t.sheet == "PO");
  CHECK(t.header_row == 3);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].cells == std::vector<std::string>{"AB-1", "Red", "M", "3", "12.5"});
  CHECK(t.rows[1].source_row == 5);
  CHECK(t.rows[1].cells[1] == "Blue");
}

TEST_CASE("read_xlsx leaves DOCTYPE entities unexpanded", "[po]")
{
  const model::PoTable t = read_xlsx(po_fixture("entity.xlsx"), "entity.xlsx");
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[1].cells[1].size() < 100);
}

TEST_CASE("read_xlsx refuses zip bombs, broken zips and empty workbooks", "[po]")
{
  std::string message;
  CHECK(code_of("bomb.xlsx", &message) == ExitCode::bad_input);
  CHECK(message.find("zip bomb") != std::string::npos);
  CHECK(code_of("broken.xlsx", &message) == ExitCode::bad_input);
  CHECK(message.starts_with("broken.xlsx: "));
  CHECK(code_of("empty.xlsx", &message) == ExitCode::bad_input);
  CHECK(message.find("no header row found") != std::string::npos);
  CHECK(code_of("quoted.csv", &message) == ExitCode::bad_input);
}

TEST_CASE("read_po dispatches on the format", "[po]")
{
  CHECK(read_po(po_fixture("long.xlsx"), "po.xlsx", "xlsx").header_row == 6);
  CHECK(read_po(po_fixture("quoted.csv"), "po.csv", "csv").header_row == 4);
  CHECK_THROWS_AS(read_po(po_fixture("long.xlsx"), "po.pdf", "pdf"), Error);
  CHECK_THROWS_AS(read_po(po_fixture("long.xlsx"), "po.doc", "doc"), Error);
}

TEST_CASE("read_xlsx gives UTF-8 text for any bytes in the XML", "[po]")
{
  // tests/fuzz/xlsx: pugixml does not check UTF-8, so a 0xFF in a number
  // cell or a sheet name reached the table, which is stored as JSON and
  // then threw type_error 316.
  const std::string fffd = "\xEF\xBF\xBD";
  collproc::test::TempDir dir;
  write_xlsx(dir.path() / "bytes.xlsx",
             {{"xl/workbook.xml", "<workbook><sheets><sheet name=\"Order\xFF\" sheetId=\"1\"/>"
                                  "</sheets></workbook>"},
              {"xl/worksheets/sheet1.xml",
               "<worksheet><sheetData>"
               "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Style</t></is></c>"
               "<c r=\"B1\" t=\"inlineStr\"><is><t>Qty</t></is></c></row>"
               "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>AB\xC3</t></is></c>"
               "<c r=\"B2\"><v>1\xFF</v></c></row>"
               "</sheetData></worksheet>"}});
  const model::PoTable t = read_xlsx(dir.path() / "bytes.xlsx", "bytes.xlsx");
  CHECK(t.sheet == "Order" + fffd);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].cells == std::vector<std::string>{"AB" + fffd, "1" + fffd});
  CHECK(has_note(t, "sheet 'Order" + fffd + "' chosen"));
}
