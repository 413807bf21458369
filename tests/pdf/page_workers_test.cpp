// tests/pdf/page_workers_test.cpp mirrors core/pdf/page_workers.hpp
#include "core/pdf/page_workers.hpp"
#include "core/util/error.hpp"
#include "core/util/limits.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <memory>
#include <set>
#include <thread>

using namespace collproc;

namespace {

std::filesystem::path sections_pdf()
{
  return test::source_dir() / "testdata/sections/linesheet.pdf"; // 7 pages
}

// What a page is, in a form that compares: its words and image placements.
std::string page_summary(pdf::Document& doc, int page)
{
  std::string out = std::to_string(page) + ":";
  for (const model::Word& w : pdf::extract_text(doc, page).words) {
    out += w.text + "@" + std::to_string(static_cast<int>(w.bbox.x0)) + ",";
  }
  for (const pdf::ExtractedImage& image : pdf::extract_images(doc, page).images) {
    out += image.placement.sha256 + ",";
  }
  return out;
}

} // namespace

TEST_CASE("PageWorkers returns each page's result in page order, as a sequential loop would",
          "[pdf]")
{
  pdf::Document doc = pdf::Document::open(sections_pdf(), "linesheet.pdf");
  const std::vector<int> pages{7, 1, 2, 5, 3, 6, 4};
  std::vector<std::string> expected;
  for (int page : pages) {
    expected.push_back(std::to_string(::getpid()) + " " + page_summary(doc, page));
  }
  for (int workers : {1, 3, 8}) {
    pdf::PageWorkers pool(
        sections_pdf(), "linesheet.pdf", pages,
        [&](pdf::Document& d, int page) {
          return std::to_string(::getppid()) + " " + page_summary(d, page);
        },
        workers);
    for (size_t i = 0; i < pages.size(); ++i) {
      INFO("workers " << workers << ", page " << pages[i]);
      // The work ran in a child of this process.
      CHECK(pool.next() == expected[i]);
    }
  }
}

TEST_CASE("PageWorkers rethrows a file's open error for its page", "[pdf]")
{
  test::TempDir dir;
  const auto path = dir.path() / "notes.pdf";
  std::ofstream(path) << "these are notes, not a PDF\n";
  pdf::PageWorkers pool(
      path, "notes.pdf", {1, 2}, [](pdf::Document&, int page) { return std::to_string(page); }, 2);
  try {
    pool.next();
    FAIL("next() returned for a file that is not a PDF");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(std::string(e.what()) == "notes.pdf: not a PDF file");
  }
}

TEST_CASE("PageWorkers stops early: destroying it kills the workers at once", "[pdf]")
{
  std::vector<int> pages;
  for (int round = 0; round < 20; ++round) {
    for (int page = 1; page <= 7; ++page) {
      pages.push_back(page);
    }
  }
  const auto begin = std::chrono::steady_clock::now();
  {
    pdf::PageWorkers pool(
        sections_pdf(), "linesheet.pdf", pages,
        [&](pdf::Document&, int page) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          return std::to_string(page);
        },
        2);
    CHECK(pool.next() == "1");
    CHECK(pool.next() == "2");
    // Destroyed here, as when the consumer's cancellation check throws.
  }
  const auto took = std::chrono::steady_clock::now() - begin;
  CHECK(took < std::chrono::milliseconds(1000)); // 140 pages x 20 ms / 2 workers would be 1.4 s
}

namespace {

// Runs `work` on page 2 of the sections linesheet (page 1 is fine) under
// `limits`, and returns the error next() throws for page 2.
Error failure_on_page_two(const std::function<void()>& work, const util::Limits& limits)
{
  const util::Limits saved = util::limits();
  util::set_limits(limits);
  pdf::PageWorkers pool(
      sections_pdf(), "linesheet.pdf", {1, 2},
      [&](pdf::Document&, int page) {
        if (page == 2) {
          work();
        }
        return std::to_string(page);
      },
      1);
  util::set_limits(saved);
  CHECK(pool.next() == "1");
  try {
    pool.next();
  } catch (const Error& e) {
    return e;
  }
  FAIL("page 2 did not fail");
  return Error(ExitCode::ok, "");
}

} // namespace

TEST_CASE("A page that crashes its worker fails its document, not the caller", "[pdf]")
{
  const Error e = failure_on_page_two([] { std::raise(SIGSEGV); }, util::Limits{});
  CHECK(e.code() == ExitCode::bad_input);
  CHECK_THAT(e.what(), Catch::StartsWith("linesheet.pdf: the parser crashed (signal 11"));
  CHECK_THAT(e.hint(), Catch::Contains("damaged or hostile"));
}

TEST_CASE("A page that stalls past --page-timeout is stopped", "[pdf]")
{
  util::Limits limits;
  limits.page_seconds = 0.3;
  const auto begin = std::chrono::steady_clock::now();
  const Error e =
      failure_on_page_two([] { std::this_thread::sleep_for(std::chrono::seconds(30)); }, limits);
  CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(10));
  CHECK(e.code() == ExitCode::bad_input);
  CHECK(std::string(e.what()) == "linesheet.pdf: one page took longer than 0.3 s (--page-timeout)");
}

#if !defined(__SANITIZE_ADDRESS__)
TEST_CASE("A page that allocates past --worker-memory fails with a memory error", "[pdf]")
{
  util::Limits limits;
  limits.worker_memory_mb = 1024;
  const Error e = failure_on_page_two(
      [] {
        std::vector<std::unique_ptr<char[]>> hog;
        for (;;) {
          hog.emplace_back(new char[64 << 20]);
          hog.back()[0] = 1;
        }
      },
      limits);
  CHECK(e.code() == ExitCode::bad_input);
  CHECK_THAT(e.what(), Catch::Contains("ran out of memory (limit 1024 MB, --worker-memory)"));
}
#endif

TEST_CASE("next() calls back while it waits, and a throw from there stops the workers", "[pdf]")
{
  pdf::PageWorkers pool(
      sections_pdf(), "linesheet.pdf", {1},
      [](pdf::Document&, int) {
        std::this_thread::sleep_for(std::chrono::seconds(30));
        return std::string();
      },
      1);
  int calls = 0;
  const auto begin = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(pool.next([&] {
    if (++calls == 3) {
      throw Cancelled();
    }
  }),
                  Cancelled);
  CHECK(calls == 3);
  CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(5));
}
