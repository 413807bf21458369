#include "core/runner/process_identity.hpp"

#include "core/util/child.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace collproc::runner {

int64_t process_start_time(int64_t pid)
{
  // Field 22 of /proc/<pid>/stat; the list starts at field 3.
  const auto fields = util::proc_stat_fields(pid);
  if (fields.size() < 20) {
    return 0;
  }
  try {
    return std::stoll(fields[19]);
  } catch (...) {
    return 0;
  }
}

ProcessIdentity current_process()
{
  ProcessIdentity id;
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) == 0) {
    id.host = host.data();
  }
  id.pid = getpid();
  id.start = process_start_time(id.pid);
  return id;
}

bool lease_is_live(const state::LeaseRow& lease, int64_t now_ms, int64_t stale_after_ms)
{
  if (now_ms - lease.heartbeat_ms > stale_after_ms) {
    return false;
  }
  if (lease.host != current_process().host) {
    return true; // only the heartbeat can tell for another host
  }
  if (kill(static_cast<pid_t>(lease.pid), 0) != 0 && errno != EPERM) {
    return false;
  }
  if (util::process_exited(lease.pid)) {
    return false; // killed, and not yet reaped by its parent
  }
  const int64_t start = process_start_time(lease.pid);
  return start != 0 && (lease.proc_start == 0 || start == lease.proc_start);
}

} // namespace collproc::runner
