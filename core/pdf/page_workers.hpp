#pragma once
// Several cores on one PDF, and a wall between Poppler and the tool: per-page
// work runs in forked worker processes (util::Child), each with its own
// Document, under the per-page and per-document time limits and the memory
// limit of util::limits(). Results come back to the calling thread in page
// order, so the caller commits page by page exactly as a sequential loop
// would. A page that crashes, stalls or exhausts its worker fails with
// Error(bad_input) naming the limit; the tool and its state file go on.

#include "core/pdf/pdf_document.hpp"

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace collproc::util {
class Child;
} // namespace collproc::util

namespace collproc::pdf {

// Worker processes for per-page work that waits on the disk as well as the
// CPU (blob writes end in fsync): twice the cores, at least 2, at most 8.
inline int default_page_workers()
{
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(2 * std::max(cores, 1), 2, 8);
}

// Runs work(document, page) for each of `pages` (1-based, in that order) in
// `workers` processes: worker k takes pages k, k + workers, ... Each opens
// the file itself. work runs in the worker, so it may return only bytes and
// may write only files (the blob store), never the state database. An
// exception thrown while opening or working (collproc::Error for a bad file)
// is rethrown by next() for that page. A worker runs ahead of the consumer
// only as far as its pipe holds, so memory stays flat in page count. The
// destructor kills the workers.
class PageWorkers {
public:
  using Work = std::function<std::string(Document&, int page)>;

  PageWorkers(const std::filesystem::path& path, std::string display_name, std::vector<int> pages,
              const Work& work, int workers);
  ~PageWorkers();
  PageWorkers(const PageWorkers&) = delete;
  PageWorkers& operator=(const PageWorkers&) = delete;

  // The result for the next page in order; blocks until it is ready, calling
  // `waiting` every 50 ms meanwhile (it may throw, e.g. to cancel: the
  // workers are then killed). Call it once per page, no more.
  std::string next(const std::function<void()>& waiting = {});

private:
  std::string m_display_name;
  std::vector<int> m_pages;
  std::vector<std::unique_ptr<util::Child>> m_children;
  std::size_t m_consumed = 0;
};

// Opens the file in a worker process, under the same limits, and returns its
// page count; throws what Document::open throws, or Error(bad_input) when
// opening crashes or stalls the worker, or the count passes --max-pages.
int isolated_page_count(const std::filesystem::path& path, const std::string& display_name);

} // namespace collproc::pdf
