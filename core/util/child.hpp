#pragma once
// Untrusted documents are parsed in a forked child process with limits, so
// that a file which crashes, stalls or balloons a parser (Poppler, image
// decoders) fails its own document with a clear error, never the tool or the
// state file. The child runs a body that sends results back as frames over a
// pipe; the parent reads them in order with time limits, and kills the child
// when it is destroyed, when a limit is passed, or when waiting() throws
// (cancellation).
//
// The body runs in a copy of the parent with only the calling thread: it may
// parse, hash and write files, but must not touch the parent's SQLite
// connection. It ends with _exit: no destructors, no atexit handlers.

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace collproc::util {

// A fork copies only the forking thread: a lock another thread held at that
// moment (inside malloc under ASan, inside SQLite...) stays locked forever in
// the child. Threads that run beside forks (the job's heartbeat) hold this
// mutex while they work, and Child holds it while it forks.
std::mutex& fork_mutex();

// The fields of /proc/<pid>/stat from the third (the state) on, split at
// spaces; empty when the process is gone. The command name before them may
// hold spaces and parentheses, so fields are counted from the last ')'.
std::vector<std::string> proc_stat_fields(int64_t pid);

// Whether process pid has exited: it is gone, or a zombie its parent has not
// reaped yet (a killed process whose parent is dead or busy).
bool process_exited(int64_t pid);

struct ChildLimits {
  std::chrono::milliseconds per_result{0}; // from the start or the previous result; 0: none
  std::chrono::milliseconds total{0};      // the child's whole life; 0: none
  std::size_t memory_bytes = 0;            // address space (RLIMIT_AS); 0: none
};

// A child that passed a limit or died without finishing. what() says which
// ("took longer than 60 s", "crashed (signal 11, Segmentation fault)",
// "ran out of memory (limit 2048 MB)").
class ChildFailure : public std::runtime_error {
public:
  enum class Kind { timeout, crashed, out_of_memory };
  ChildFailure(Kind kind, const std::string& what) : std::runtime_error(what), m_kind(kind) {}
  Kind kind() const { return m_kind; }

private:
  Kind m_kind;
};

// The child's end of the pipe.
class ChildChannel {
public:
  explicit ChildChannel(int fd) : m_fd(fd) {}
  void send(std::string_view bytes);

private:
  int m_fd;
};

class Child {
public:
  using Body = std::function<void(ChildChannel&)>;
  // Forks and runs body in the child. Throws collproc::Error if fork fails.
  Child(const Body& body, ChildLimits limits);
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  // The next result the child sent; std::nullopt once its body returned and
  // every result was read. While waiting it calls `waiting` every 50 ms,
  // which may throw to stop (the child is killed). A collproc::Error thrown
  // by the body is rethrown here; limits and deaths throw ChildFailure.
  std::optional<std::string> next(const std::function<void()>& waiting = {});

private:
  bool read_frame(char& type, std::string& bytes, const std::function<void()>& waiting);
  void fill(std::size_t want, const std::function<void()>& waiting);
  [[noreturn]] void died();
  void stop();

  pid_t m_pid = -1;
  int m_fd = -1;
  ChildLimits m_limits;
  std::chrono::steady_clock::time_point m_started;
  std::chrono::steady_clock::time_point m_last_result;
  std::string m_buffer;
  bool m_finished = false;
};

} // namespace collproc::util
