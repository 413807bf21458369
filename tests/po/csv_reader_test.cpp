// tests/po/csv_reader_test.cpp mirrors core/po/csv_reader.cpp
#include "core/po/csv_reader.hpp"
#include "core/po/text.hpp"
#include "core/util/error.hpp"
#include "core/util/limits.hpp"
#include "tests/po/po_test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace collproc;
using namespace collproc::po;
using collproc::test::po_fixture;

TEST_CASE("read_csv skips the preamble and honours RFC 4180 quoting", "[po]")
{
  const model::PoTable t = read_csv(po_fixture("quoted.csv"), "quoted.csv");
  CHECK(t.header_row == 4);
  REQUIRE(t.header.size() >= 6);
  CHECK(t.header[0] == "Style #");
  CHECK(t.header[5] == "Unit Cost");
  REQUIRE(t.rows.size() == 5);
  CHECK(t.rows[0].source_row == 5);
  CHECK(t.rows[0].cells[1] == "Dress, \"Linen\" wrap");
  CHECK(t.rows[1].cells[1] == "Two-line\ndescription");
  CHECK(t.rows[1].cells[4] == "1,200");
  // A quoted newline makes the next record start two lines later.
  CHECK(t.rows[2].source_row == 8);
  // Ragged rows: the short one padded, the long one widens the table.
  CHECK(t.rows[2].cells.size() == t.header.size());
  CHECK(t.rows[2].cells[5].empty());
  CHECK(t.header.size() == 8);
  CHECK(t.rows[3].cells[7] == "cells");
}

TEST_CASE("read_csv detects a semicolon delimiter and strips a UTF-8 BOM", "[po]")
{
  const model::PoTable t = read_csv(po_fixture("semicolon.csv"), "semicolon.csv");
  REQUIRE(t.header.size() == 5);
  CHECK(t.header[0] == "Article");
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].cells[4] == "42,50");
  CHECK(t.notes.front() == "encoding utf-8 bom");
}

TEST_CASE("read_csv decodes UTF-16 with a BOM and tab delimiters", "[po]")
{
  const model::PoTable t = read_csv(po_fixture("utf16.csv"), "utf16.csv");
  REQUIRE(t.rows.size() == 2);
  CHECK(t.header[1] == "Colour");
  CHECK(t.rows[0].cells[1] == "Cr\xC3\xA8me");
  CHECK(t.rows[1].cells[1] == "Na\xC3\xAFve Blue");
}

TEST_CASE("read_csv decodes Windows-1252 when the bytes are not UTF-8", "[po]")
{
  const model::PoTable t = read_csv(po_fixture("cp1252.csv"), "cp1252.csv");
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].cells[1] == "Caf\xC3\xA9");
  CHECK(t.rows[0].cells[4] == "Women\xE2\x80\x99s dress"); // 0x92 is a right single quote
  CHECK(t.notes.front() == "encoding windows-1252");
}

TEST_CASE("read_csv survives an unterminated quote and NUL bytes", "[po]")
{
  const model::PoTable t = read_csv(po_fixture("unterminated.csv"), "unterminated.csv");
  REQUIRE(t.rows.size() == 3);
  CHECK(t.rows[1].cells[0] == "\"SS26-2001");
  CHECK(t.rows[2].cells[0] == "SS26-3000");
  CHECK(t.rows[2].cells[3] == "4");

  const model::PoTable n = read_csv(po_fixture("nul.csv"), "nul.csv");
  REQUIRE(n.rows.size() == 1);
  CHECK(n.rows[0].cells[1] == "Black");
}

TEST_CASE("read_csv cuts very long cells and keeps the row", "[po]")
{
  collproc::test::TempDir dir;
  collproc::test::write_file(dir.path() / "long.csv",
                             "Style,Color,Size,Qty,Notes\nSS26-1042,Black,M,2," +
                                 std::string(300000, 'x') + "\n");
  const model::PoTable t = read_csv(dir.path() / "long.csv", "long.csv");
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].cells[3] == "2");
  CHECK(t.rows[0].cells[4].size() == util::limits().max_cell_bytes);
}

TEST_CASE("read_csv reads CR-only line ends", "[po]")
{
  collproc::test::TempDir dir;
  collproc::test::write_file(dir.path() / "mac.csv", "Style,Qty,Color\rA-1,2,Red\rA-2,3,Blue\r");
  const model::PoTable t = read_csv(dir.path() / "mac.csv", "mac.csv");
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[1].source_row == 3);
  CHECK(t.rows[1].cells[2] == "Blue");
}

TEST_CASE("read_csv refuses files with no header row or that are not CSV", "[po]")
{
  try {
    read_csv(po_fixture("no_header.csv"), "po.csv");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(std::string(e.what()) ==
          "po.csv: no header row found: expected a row naming a style and a quantity column");
  }
  try {
    read_csv(po_fixture("long.xlsx"), "po.csv");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(std::string(e.what()).find("not a CSV file: it is a zip archive") != std::string::npos);
  }
}

TEST_CASE("read_csv gives UTF-8 cells for any bytes", "[po]")
{
  // tests/fuzz/csv: after a BOM, glibc's iconv let ill-formed bytes such as
  // 0xF5 through; a surrogate passed as UTF-8; a cut cell could end inside a
  // character. The table is stored as JSON, which then threw type_error 316.
  const std::string fffd = "\xEF\xBF\xBD";
  collproc::test::TempDir dir;
  collproc::test::write_file(dir.path() / "bom.csv", "\xEF\xBB\xBFStyle,Qty,Color\nAB-1,2,R\xF5"
                                                     "d\xED\xA0\x80"
                                                     "\n");
  const model::PoTable bom = read_csv(dir.path() / "bom.csv", "bom.csv");
  REQUIRE(bom.rows.size() == 1);
  CHECK(bom.rows[0].cells[2] == "R" + fffd + "d" + fffd + fffd + fffd);

  collproc::test::write_file(dir.path() / "surrogate.csv", "Style,Qty,Color\nAB-1,2,\xED\xA0\x80"
                                                           "\n");
  const model::PoTable surrogate = read_csv(dir.path() / "surrogate.csv", "surrogate.csv");
  REQUIRE(surrogate.rows.size() == 1);
  CHECK(is_utf8(surrogate.rows[0].cells[2]));
  CHECK(std::find(surrogate.notes.begin(), surrogate.notes.end(), "encoding windows-1252") !=
        surrogate.notes.end());

  const size_t limit = util::limits().max_cell_bytes;
  collproc::test::write_file(dir.path() / "cut.csv", "Style,Qty,Notes\nAB-1,2," +
                                                         std::string(limit - 1, 'a') +
                                                         "\xC3\xA9\xC3\xA9\n");
  const model::PoTable cut = read_csv(dir.path() / "cut.csv", "cut.csv");
  REQUIRE(cut.rows.size() == 1);
  CHECK(cut.rows[0].cells[2] == std::string(limit - 1, 'a') + fffd);
}
