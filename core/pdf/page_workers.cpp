#include "core/pdf/page_workers.hpp"

#include "core/util/child.hpp"
#include "core/util/error.hpp"
#include "core/util/limits.hpp"

#include <fmt/format.h>

#include <chrono>
#include <optional>

namespace collproc::pdf {

namespace {

// A worker's resident share of the file is at most this many of its pages
// (about 4 MB on a linesheet of 0.5 MB a page).
constexpr std::size_t k_pages_between_forgets = 8;

std::chrono::milliseconds millis(double seconds)
{
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000.0));
}

util::ChildLimits child_limits()
{
  const util::Limits& limits = util::limits();
  return {millis(limits.page_seconds), millis(limits.document_seconds),
          limits.worker_memory_mb << 20};
}

Error failed(const std::string& display_name, const util::ChildFailure& failure)
{
  return Error(ExitCode::bad_input, fmt::format("{}: {}", display_name, failure.what()),
               "the file is damaged or hostile: export it again from its source; if it is "
               "sound, raise the limit named above");
}

} // namespace

int isolated_page_count(const std::filesystem::path& path, const std::string& display_name)
{
  util::Child child(
      [&](util::ChildChannel& channel) {
        channel.send(std::to_string(Document::open(path, display_name).page_count()));
      },
      child_limits());
  std::optional<std::string> reply;
  try {
    reply = child.next();
  } catch (const util::ChildFailure& failure) {
    throw failed(display_name, failure);
  }
  const int pages = reply ? std::stoi(*reply) : 0;
  if (pages > util::limits().max_pages) {
    throw Error(ExitCode::bad_input,
                fmt::format("{}: {} pages, more than the limit of {}", display_name, pages,
                            util::limits().max_pages),
                "split the file, or raise the limit with --max-pages");
  }
  return pages;
}

PageWorkers::PageWorkers(const std::filesystem::path& path, std::string display_name,
                         std::vector<int> pages, const Work& work, int workers)
    : m_display_name(std::move(display_name)), m_pages(std::move(pages))
{
  const util::ChildLimits limits = child_limits();
  const std::size_t n = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(workers, 1)), 1,
                                                std::max<std::size_t>(m_pages.size(), 1));
  for (std::size_t k = 0; k < n && k < m_pages.size(); ++k) {
    m_children.push_back(std::make_unique<util::Child>(
        [&, k](util::ChildChannel& channel) {
          Document doc = Document::open(path, m_display_name);
          std::size_t read = 0;
          for (std::size_t i = k; i < m_pages.size(); i += n) {
            channel.send(work(doc, m_pages[i]));
            // Every few pages: unmapping costs a walk of the page tables.
            if (++read % k_pages_between_forgets == 0) {
              doc.forget_read_pages();
            }
          }
        },
        limits));
  }
}

PageWorkers::~PageWorkers() = default;

std::string PageWorkers::next(const std::function<void()>& waiting)
{
  const std::size_t i = m_consumed++;
  util::Child& child = *m_children.at(i % m_children.size());
  try {
    if (auto result = child.next(waiting)) {
      return std::move(*result);
    }
  } catch (const util::ChildFailure& failure) {
    throw failed(m_display_name, failure);
  }
  throw Error(ExitCode::job_failed,
              fmt::format("{}: a worker finished before page {}", m_display_name, m_pages[i]),
              "report this as a bug");
}

} // namespace collproc::pdf
