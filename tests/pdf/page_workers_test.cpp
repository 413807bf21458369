// tests/pdf/page_workers_test.cpp mirrors core/pdf/page_workers.hpp
#include "core/pdf/page_workers.hpp"
#include "core/util/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
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
    expected.push_back(page_summary(doc, page));
  }
  for (int threads : {1, 3, 8}) {
    std::set<std::thread::id> seen;
    std::mutex mutex;
    pdf::PageWorkers<std::string> workers(
        sections_pdf(), "linesheet.pdf", pages,
        [&](pdf::Document& d, int page) {
          {
            const std::lock_guard lock(mutex);
            seen.insert(std::this_thread::get_id());
          }
          return page_summary(d, page);
        },
        threads);
    for (size_t i = 0; i < pages.size(); ++i) {
      INFO("threads " << threads << ", page " << pages[i]);
      CHECK(workers.next() == expected[i]);
    }
    CHECK(seen.count(std::this_thread::get_id()) ==
          0); // the work never runs on the caller's thread
  }
}

TEST_CASE("PageWorkers rethrows a file's open error for its page", "[pdf]")
{
  test::TempDir dir;
  const auto path = dir.path() / "notes.pdf";
  std::ofstream(path) << "these are notes, not a PDF\n";
  pdf::PageWorkers<int> workers(
      path, "notes.pdf", {1, 2}, [](pdf::Document&, int page) { return page; }, 2);
  try {
    workers.next();
    FAIL("next() returned for a file that is not a PDF");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::bad_input);
    CHECK(std::string(e.what()) == "notes.pdf: not a PDF file");
  }
}

TEST_CASE("PageWorkers stops early: pages beyond its window are never started", "[pdf]")
{
  std::atomic<int> started{0};
  std::vector<int> pages;
  for (int round = 0; round < 20; ++round) {
    for (int page = 1; page <= 7; ++page) {
      pages.push_back(page);
    }
  }
  const auto begin = std::chrono::steady_clock::now();
  {
    pdf::PageWorkers<int> workers(
        sections_pdf(), "linesheet.pdf", pages,
        [&](pdf::Document&, int page) {
          ++started;
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
          return page;
        },
        2);
    CHECK(workers.next() == 1);
    CHECK(workers.next() == 2);
    // Destroyed here, as when the consumer's cancellation check throws.
  }
  const auto took = std::chrono::steady_clock::now() - begin;
  CHECK(started.load() <= 2 + 2 * 2 + 2); // consumed + window + one in flight per thread
  CHECK(took < std::chrono::milliseconds(500));
}
