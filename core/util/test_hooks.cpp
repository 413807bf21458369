#include "core/util/test_hooks.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

namespace collproc::util {

namespace {

struct CrashHook {
  long at = 0;
  const char* log = nullptr;
  pid_t tool = 0;                       // the process that started: the one to kill
  std::atomic<long>* reached = nullptr; // shared with forked children
  std::atomic<bool> enabled{false};

  CrashHook()
  {
    const char* at_env = std::getenv("COLLPROC_TEST_CRASH_AT");
    log = std::getenv("COLLPROC_TEST_CRASH_LOG");
    if (log && !*log) {
      log = nullptr;
    }
    at = at_env ? std::strtol(at_env, nullptr, 10) : 0;
    if (at <= 0 && !log) {
      return;
    }
    void* shared = ::mmap(nullptr, sizeof(std::atomic<long>), PROT_READ | PROT_WRITE,
                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
      return;
    }
    reached = new (shared) std::atomic<long>(0);
    tool = ::getpid();
    enabled.store(true, std::memory_order_relaxed);
  }
};

// Set up before main(), so that children forked later share the counter.
CrashHook g_hook;

} // namespace

bool crash_testing()
{
  return g_hook.enabled.load(std::memory_order_relaxed);
}

void crash_point(const char* where)
{
  if (!g_hook.enabled.load(std::memory_order_relaxed)) {
    return;
  }
  const long n = g_hook.reached->fetch_add(1) + 1;
  if (g_hook.log) {
    const int fd = ::open(g_hook.log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
      const std::string line = std::string(where) + "\n";
      [[maybe_unused]] const ssize_t w = ::write(fd, line.data(), line.size());
      ::close(fd);
    }
  }
  if (n == g_hook.at) {
    ::kill(g_hook.tool, SIGKILL);
    ::kill(::getpid(), SIGKILL);
  }
}

} // namespace collproc::util
