#pragma once
// Wall-clock helpers: RFC 3339 UTC timestamps and human durations.

#include <cstdint>
#include <string>

namespace collproc::util {

// Milliseconds since the Unix epoch.
int64_t now_ms();

// "2026-11-28T14:30:03.123Z" (millisecond precision, always UTC).
std::string rfc3339(int64_t epoch_ms);
std::string now_rfc3339();

// "2m 30s", "45s", "1h 05m", "0.4s" below ten seconds.
std::string human_duration(double seconds);

} // namespace collproc::util
