// tests/pdf/pdf_document_test.cpp mirrors core/pdf/pdf_document.cpp
#include "core/pdf/pdf_document.hpp"
#include "core/util/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <cstdio>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace collproc;
using collproc::test::TempDir;

namespace {

std::filesystem::path fixture(const std::string& name)
{
  return test::source_dir() / "tests/pdf/fixtures" / name;
}

// Opens the file and returns the Error it throws; fails the test if none.
Error open_error(const std::filesystem::path& path, const std::string& name)
{
  try {
    pdf::Document::open(path, name);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no collproc::Error for " << path);
  throw std::logic_error("unreachable");
}

bool starts_with(const std::string& s, const std::string& prefix)
{
  return s.rfind(prefix, 0) == 0;
}

} // namespace

TEST_CASE("Document opens a PDF and reports its pages after /Rotate and crop box", "[pdf]")
{
  pdf::Document doc = pdf::Document::open(fixture("images.pdf"), "images.pdf");
  CHECK(doc.display_name() == "images.pdf");
  REQUIRE(doc.page_count() == 6);
  CHECK(doc.page_width(1) == Approx(612));
  CHECK(doc.page_height(1) == Approx(792));
  // Page 3: MediaBox 792x612 with /Rotate 90 shows as 612x792.
  CHECK(doc.page_width(3) == Approx(612));
  CHECK(doc.page_height(3) == Approx(792));
  // Page 4: crop box [50 60 450 360].
  CHECK(doc.page_width(4) == Approx(400));
  CHECK(doc.page_height(4) == Approx(300));
  CHECK_THROWS_AS(doc.page_width(7), std::out_of_range);
  CHECK_THROWS_AS(doc.page_width(0), std::out_of_range);
}

TEST_CASE("Document survives a move", "[pdf]")
{
  pdf::Document a = pdf::Document::open(fixture("text.pdf"), "text.pdf");
  pdf::Document b = std::move(a);
  CHECK(b.page_count() == 3);
}

TEST_CASE("Document refuses unreadable files with bad_input and the display name", "[pdf]")
{
  TempDir dir;

  SECTION("empty file")
  {
    test::write_file(dir.path() / "x.pdf", "");
    const Error e = open_error(dir.path() / "x.pdf", "shown.pdf");
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(starts_with(e.what(), "shown.pdf: "));
    CHECK_THAT(e.what(), Catch::Contains("empty"));
    CHECK_FALSE(e.hint().empty());
  }
  SECTION("HTML file")
  {
    test::write_file(dir.path() / "x.pdf",
                     "<!DOCTYPE html>\n<html><head><title>Not found</title></head>"
                     "<body><h1>404</h1></body></html>\n");
    const Error e = open_error(dir.path() / "x.pdf", "lookbook.pdf");
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(std::string(e.what()) == "lookbook.pdf: not a PDF file");
    CHECK_FALSE(e.hint().empty());
  }
  SECTION("truncated PDF")
  {
    const std::string whole = test::read_file(fixture("text.pdf"));
    test::write_file(dir.path() / "x.pdf", whole.substr(0, whole.size() / 3));
    const Error e = open_error(dir.path() / "x.pdf", "cut.pdf");
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(starts_with(e.what(), "cut.pdf: "));
    CHECK_THAT(e.what(), Catch::Contains("damaged") || Catch::Contains("no pages"));
    CHECK_FALSE(e.hint().empty());
  }
  SECTION("encrypted PDF")
  {
    const Error e = open_error(fixture("encrypted.pdf"), "locked.pdf");
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(std::string(e.what()) == "locked.pdf: encrypted and needs a password");
    CHECK_THAT(e.hint(), Catch::Contains("password"));
  }
  SECTION("missing file")
  {
    const Error e = open_error(dir.path() / "absent.pdf", "absent.pdf");
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(starts_with(e.what(), "absent.pdf: "));
  }
  SECTION("PDF without pages")
  {
    test::write_file(dir.path() / "x.pdf",
                     "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
                     "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
                     "trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    const Error e = open_error(dir.path() / "x.pdf", "blank.pdf");
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(starts_with(e.what(), "blank.pdf: "));
  }
}

TEST_CASE("Poppler's complaints about a damaged file stay off stderr", "[pdf]")
{
  TempDir dir;
  const std::string whole = test::read_file(fixture("images.pdf"));
  test::write_file(dir.path() / "cut.pdf", whole.substr(0, whole.size() / 2));
  const std::filesystem::path captured = dir.path() / "stderr.txt";

  std::fflush(stderr);
  const int saved = dup(STDERR_FILENO);
  const int file = ::open(captured.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(saved >= 0);
  REQUIRE(file >= 0);
  dup2(file, STDERR_FILENO);
  std::string message;
  try {
    pdf::Document::open(dir.path() / "cut.pdf", "cut.pdf");
  } catch (const Error& e) {
    message = e.what();
  }
  std::fflush(stderr);
  dup2(saved, STDERR_FILENO);
  close(saved);
  close(file);

  // The first complaint goes into the error message instead.
  CHECK_THAT(message, Catch::StartsWith("cut.pdf: damaged PDF ("));
  CHECK(message.size() > std::string("cut.pdf: damaged PDF ()").size());
  CHECK(std::islower(
      static_cast<unsigned char>(message.at(std::string("cut.pdf: damaged PDF (").size()))));
  CHECK(test::read_file(captured).empty());
}

TEST_CASE("Documents on several threads give the same results", "[pdf]")
{
  const auto digest = [] {
    pdf::Document doc = pdf::Document::open(fixture("images.pdf"), "images.pdf");
    std::string all;
    for (int page = 1; page <= doc.page_count(); ++page) {
      for (const pdf::ExtractedImage& img : pdf::extract_images(doc, page).images) {
        all += img.placement.sha256 + ";";
      }
      all += std::to_string(pdf::extract_text(doc, page).words.size()) + "|";
    }
    return all;
  };
  std::string a, b;
  std::thread ta([&] { a = digest(); });
  std::thread tb([&] { b = digest(); });
  ta.join();
  tb.join();
  CHECK_FALSE(a.empty());
  CHECK(a == b);
  CHECK(a == digest());
}
