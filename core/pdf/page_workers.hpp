#pragma once
// Several cores on one PDF: per-page work runs on worker threads, each with
// its own Document (PDFDoc is not thread-safe), and the results come back on
// the calling thread in page order, so the caller commits page by page on one
// thread exactly as a sequential loop would.

#include "core/pdf/pdf_document.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace collproc::pdf {

// Worker threads for per-page work that waits on the disk as well as the CPU
// (blob writes end in fsync): twice the cores, at least 2, at most 8.
inline int default_page_threads()
{
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(2 * std::max(cores, 1), 2, 8);
}

// Runs work(document, page) for each of `pages` (1-based, in that order) on
// `threads` threads. Each thread opens the file itself on its first page; an
// exception thrown while opening or working (collproc::Error for a bad file)
// is rethrown by next() for that page. At most 2 x threads pages are worked
// on ahead of the consumer, so memory stays flat in page count. The
// destructor stops the workers, waits for the pages they are on (one each),
// and starts no other.
template <class Result> class PageWorkers {
public:
  using Work = std::function<Result(Document&, int page)>;

  PageWorkers(std::filesystem::path path, std::string display_name, std::vector<int> pages,
              Work work, int threads)
      : m_path(std::move(path)), m_display_name(std::move(display_name)), m_pages(std::move(pages)),
        m_work(std::move(work)), m_slots(m_pages.size()),
        m_window(2 * static_cast<std::size_t>(std::max(threads, 1)))
  {
    const int n =
        std::clamp(threads, 1, static_cast<int>(std::max<std::size_t>(m_pages.size(), 1)));
    for (int i = 0; i < n; ++i) {
      m_threads.emplace_back([this] { run(); });
    }
  }

  ~PageWorkers()
  {
    {
      const std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_changed.notify_all();
    for (std::thread& t : m_threads) {
      t.join();
    }
  }

  PageWorkers(const PageWorkers&) = delete;
  PageWorkers& operator=(const PageWorkers&) = delete;

  // The result for the next page in order; blocks until it is ready, and
  // rethrows what its work threw. Call it once per page, no more.
  Result next()
  {
    std::unique_lock lock(m_mutex);
    const std::size_t i = m_consumed;
    m_changed.wait(lock, [&] { return m_slots[i].done; });
    Slot slot = std::move(m_slots[i]);
    m_slots[i] = Slot{};
    ++m_consumed;
    lock.unlock();
    m_changed.notify_all(); // the window moved: a worker may start another page
    if (slot.error) {
      std::rethrow_exception(slot.error);
    }
    return std::move(*slot.result);
  }

private:
  struct Slot {
    bool done = false;
    std::optional<Result> result;
    std::exception_ptr error;
  };

  void run()
  {
    std::optional<Document> doc;
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] {
          return m_stop || m_claimed >= m_pages.size() || m_claimed < m_consumed + m_window;
        });
        if (m_stop || m_claimed >= m_pages.size()) {
          return;
        }
        i = m_claimed++;
      }
      Slot slot;
      try {
        if (!doc) {
          doc = Document::open(m_path, m_display_name);
        }
        slot.result.emplace(m_work(*doc, m_pages[i]));
      } catch (...) {
        slot.error = std::current_exception();
      }
      slot.done = true;
      {
        const std::lock_guard lock(m_mutex);
        m_slots[i] = std::move(slot);
      }
      m_changed.notify_all();
    }
  }

  const std::filesystem::path m_path;
  const std::string m_display_name;
  const std::vector<int> m_pages;
  const Work m_work;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<Slot> m_slots;  // by index into m_pages; guarded by m_mutex
  std::size_t m_claimed = 0;  // pages handed to a worker
  std::size_t m_consumed = 0; // pages returned by next()
  bool m_stop = false;
  const std::size_t m_window;
  std::vector<std::thread> m_threads; // last: started once everything above exists
};

} // namespace collproc::pdf
