#include "core/phases/page_phase.hpp"

#include "core/pdf/page_workers.hpp"
#include "core/phases/phases.hpp"
#include "core/util/limits.hpp"
#include "core/util/test_hooks.hpp"

#include <fmt/format.h>

#include <chrono>
#include <utility>
#include <vector>

namespace collproc::phases {

namespace {

constexpr auto k_flush_interval = std::chrono::milliseconds(250);
// ...or after this much payload, so that a fast phase does not hold most of
// a long document's pages in memory between commits.
constexpr std::size_t k_flush_bytes = std::size_t{1} << 20;

// A page's output crosses from its worker process as "<count>\n<payload>".
std::string pack(const PageOutput& out)
{
  return std::to_string(out.count) + "\n" + out.payload;
}

PageOutput unpack(const std::string& bytes)
{
  const std::size_t nl = bytes.find('\n');
  return {bytes.substr(nl + 1), std::stoll(bytes.substr(0, nl))};
}

} // namespace

void run_pending_pages(runner::PhaseContext& ctx, const char* count_name, int workers,
                       const PageWork& work)
{
  const auto docs = ctx.store.documents(ctx.collection, model::DocumentKind::linesheet);
  int total = 0;
  for (const auto& doc : docs) {
    total += doc.pages;
  }
  ctx.set_units(total, "page");
  for (const auto& doc : docs) {
    if (doc.pages > util::limits().max_pages) {
      rethrow_for(ctx, doc.filename, 0,
                  Error(ExitCode::bad_input,
                        fmt::format("{} pages, more than the limit of {}", doc.pages,
                                    util::limits().max_pages),
                        "split the file, or raise the limit with --max-pages"));
    }
    std::vector<int> pages;
    for (int page = 1; page <= doc.pages; ++page) {
      if (ctx.unit_done(doc.document_id, page)) {
        ctx.advance();
      } else {
        pages.push_back(page);
      }
    }
    if (pages.empty()) {
      continue;
    }
    // Workers write blobs without fsync; pages are committed in batches of
    // about k_flush_interval (or k_flush_bytes), each batch after one flush of the blob volume,
    // so a committed page never names a blob that a power loss could lose.
    // A crash loses at most the batch in flight.
    state::BlobStore& blobs = ctx.store.blobs();
    const auto durability = blobs.durability();
    blobs.set_durability(state::BlobStore::Durability::on_sync);
    struct Restore {
      state::BlobStore& blobs;
      state::BlobStore::Durability durability;
      ~Restore() { blobs.set_durability(durability); }
    } restore{blobs, durability};

    std::vector<std::pair<int, PageOutput>> pending;
    std::size_t pending_bytes = 0;
    auto last_flush = std::chrono::steady_clock::now();
    const auto flush = [&] {
      if (pending.empty()) {
        return;
      }
      blobs.sync();
      for (const auto& [page, out] : pending) {
        ctx.commit_unit(doc.document_id, page, out.payload);
      }
      pending.clear();
      pending_bytes = 0;
      last_flush = std::chrono::steady_clock::now();
    };
    pdf::PageWorkers pool(
        ctx.store.blobs().path_of(doc.sha256), doc.filename, pages,
        [&work, &doc](pdf::Document& pdf, int page) { return pack(work(pdf, page, doc)); },
        workers);
    try {
      for (const int page : pages) {
        try {
          PageOutput out = unpack(pool.next([&ctx] { ctx.cancel.throw_if_requested(); }));
          ctx.count(count_name, out.count);
          ctx.count("pages", 1);
          pending_bytes += out.payload.size();
          pending.emplace_back(page, std::move(out));
        } catch (const Error& e) {
          rethrow_for(ctx, doc.filename, page, e);
        }
        // Under a crash test every page is its own batch: how many pages a
        // batch holds must not depend on the machine's speed.
        if (util::crash_testing() || pending_bytes >= k_flush_bytes ||
            std::chrono::steady_clock::now() - last_flush >= k_flush_interval) {
          flush();
        }
        ctx.advance();
      }
      flush();
    } catch (...) {
      // Keep what was read before the failure or the cancel: a retry
      // resumes after it.
      flush();
      throw;
    }
  }
}

} // namespace collproc::phases
