#include "core/util/time.hpp"

#include <fmt/format.h>

#include <chrono>
#include <ctime>

namespace collproc::util {

int64_t now_ms()
{
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string rfc3339(int64_t epoch_ms)
{
  const std::time_t seconds = static_cast<std::time_t>(epoch_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, epoch_ms % 1000);
}

std::string now_rfc3339()
{
  return rfc3339(now_ms());
}

std::string human_duration(double seconds)
{
  if (seconds < 10) {
    return fmt::format("{:.1f}s", seconds < 0 ? 0.0 : seconds);
  }
  const auto total = static_cast<long>(seconds + 0.5);
  if (total < 60) {
    return fmt::format("{}s", total);
  }
  if (total < 3600) {
    return fmt::format("{}m {:02}s", total / 60, total % 60);
  }
  return fmt::format("{}h {:02}m", total / 3600, (total % 3600) / 60);
}

} // namespace collproc::util
