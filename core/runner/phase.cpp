#include "core/runner/phase.hpp"

#include "core/state/sqlite.hpp"
#include "core/util/test_hooks.hpp"

#include <chrono>
#include <cstdlib>
#include <thread>

namespace collproc::runner {

PhaseContext::PhaseContext(state::StateStore& store_, const std::string& collection_,
                           const PhaseInfo& info_, const RunOptions& options_, CancelToken& cancel_,
                           Progress& progress, int total_phases)
    : store(store_), collection(collection_), info(info_), options(options_), cancel(cancel_),
      m_progress(progress), m_total_phases(total_phases)
{
}

bool PhaseContext::unit_done(const std::string& document_id, int unit)
{
  if (!m_done_loaded) {
    for (const auto& row : store.outputs(collection, info.name)) {
      m_done.emplace(row.document_id, row.unit);
    }
    m_done_loaded = true;
  }
  return m_done.count({document_id, unit}) > 0;
}

void PhaseContext::commit_unit(const std::string& document_id, int unit, const std::string& payload)
{
  util::crash_point("unit-before-commit");
  state::Transaction tx(store.db());
  store.put_output(collection, info.name, document_id, unit, payload);
  tx.commit();
  util::crash_point("unit-committed");
  m_done.emplace(document_id, unit);
}

void PhaseContext::stage(const std::string& document_id, int unit, std::string payload)
{
  m_staged.emplace_back(document_id, unit, std::move(payload));
}

void PhaseContext::count(const std::string& key, int64_t n)
{
  m_counts[key] = m_counts.value(key, int64_t{0}) + n;
}

void PhaseContext::set_units(int total, const char* unit_name)
{
  m_units_total = total;
  m_units_done = 0;
  m_unit_name = unit_name;
  m_progress.units({&info, m_total_phases}, 0, total, unit_name);
}

void PhaseContext::advance(int n)
{
  m_units_done += n;
  m_progress.units({&info, m_total_phases}, m_units_done, m_units_total, m_unit_name);
  test_delay(cancel);
  cancel.throw_if_requested();
}

void test_delay(const CancelToken& cancel)
{
  // Only tests set this: it widens every unit of work so that signals and
  // kills land inside a chosen phase. Sleeps in slices to stay cancellable.
  static const long k_delay_ms = [] {
    const char* env = std::getenv("COLLPROC_TEST_DELAY_MS");
    return env ? std::strtol(env, nullptr, 10) : 0L;
  }();
  for (long slept = 0; slept < k_delay_ms && !cancel.requested(); slept += 10) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

} // namespace collproc::runner
