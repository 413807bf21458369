#pragma once
// Crash points for the crash-consistency harness (tests/e2e/crash_points.sh,
// scripts/stress). Only tests set the variables; unset, a crash point costs
// one relaxed atomic load.
//
//   COLLPROC_TEST_CRASH_AT=N    the Nth crash point reached, counted across
//                               the process and the children it forks, kills
//                               the whole tool with SIGKILL, as kill -9 would
//   COLLPROC_TEST_CRASH_LOG=F   each crash point reached appends its name to F
//                               (how the harness learns how many there are)

namespace collproc::util {

void crash_point(const char* where);

// Whether a crash test is counting or placing crash points: code whose number
// of crash points depends on timing (batches committed every 250 ms) then
// takes the same path every run, so point N is the same point in each.
bool crash_testing();

} // namespace collproc::util
