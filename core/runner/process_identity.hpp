#pragma once
// Who owns a job: host name, pid and the process's start time (so a reused
// pid is not mistaken for the owner), and whether that owner is still alive.

#include "core/state/state_store.hpp"

#include <cstdint>
#include <string>

namespace collproc::runner {

struct ProcessIdentity {
  std::string host;
  int64_t pid = 0;
  int64_t start = 0; // clock ticks since boot, from /proc/<pid>/stat; 0 if unknown
};

ProcessIdentity current_process();
// The start time of a pid on this host, or 0 when no such process exists.
int64_t process_start_time(int64_t pid);

// A lease is live when its heartbeat is younger than stale_after_ms and, on
// this host, its pid still runs with the same start time.
bool lease_is_live(const state::LeaseRow& lease, int64_t now_ms, int64_t stale_after_ms);

} // namespace collproc::runner
