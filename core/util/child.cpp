#include "core/util/child.hpp"

#include "core/util/error.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <new>
#include <sstream>

#if defined(__SANITIZE_ADDRESS__)
#define COLLPROC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COLLPROC_ASAN 1
#endif
#endif

namespace collproc::util {

namespace {

// Frame: one type byte, an 8-byte length, the bytes.
constexpr char k_result = 'R';
constexpr char k_error = 'E';     // a collproc::Error: JSON {code, message, hint}
constexpr char k_exception = 'X'; // another exception: its what()
constexpr char k_no_memory = 'M'; // std::bad_alloc
constexpr char k_done = 'D';      // the body returned
constexpr std::size_t k_header = 9;
constexpr auto k_poll_slice = std::chrono::milliseconds(50);

void write_all(int fd, const char* data, std::size_t size)
{
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      _exit(3); // the parent is gone or stopped reading
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void send_frame(int fd, char type, std::string_view bytes)
{
  char header[k_header];
  header[0] = type;
  const uint64_t n = bytes.size();
  std::memcpy(header + 1, &n, sizeof n);
  write_all(fd, header, sizeof header);
  write_all(fd, bytes.data(), bytes.size());
}

[[noreturn]] void run_child(const Child::Body& body, [[maybe_unused]] const ChildLimits& limits,
                            int fd, pid_t parent)
{
  // Die with the parent (kill -9 of the tool must not leave parsers behind),
  // leave signals to the parent, which kills this child when it is done.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) {
    _exit(4);
  }
  for (const int signo : {SIGINT, SIGTERM, SIGUSR1, SIGHUP}) {
    std::signal(signo, SIG_IGN);
  }
  std::signal(SIGPIPE, SIG_IGN);
  // A crash must end the child, whatever handlers the parent installed.
  for (const int signo : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) {
    std::signal(signo, SIG_DFL);
  }
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
#ifndef COLLPROC_ASAN
  // Parsers print their complaints (Poppler's "Out of memory") on stderr;
  // the parent reports what went wrong, once, in its own words.
  if (const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC); null >= 0) {
    ::dup2(null, STDERR_FILENO);
    ::close(null);
  }
  if (limits.memory_bytes > 0) {
    const rlimit as{limits.memory_bytes, limits.memory_bytes};
    ::setrlimit(RLIMIT_AS, &as);
  }
#endif
  try {
    ChildChannel channel(fd);
    body(channel);
    send_frame(fd, k_done, {});
  } catch (const Error& e) {
    send_frame(fd, k_error,
               nlohmann::json{
                   {"code", static_cast<int>(e.code())}, {"message", e.what()}, {"hint", e.hint()}}
                   .dump());
  } catch (const std::bad_alloc&) {
    send_frame(fd, k_no_memory, {});
  } catch (const std::exception& e) {
    send_frame(fd, k_exception, e.what());
  }
  _exit(0);
}

std::string seconds(std::chrono::milliseconds ms)
{
  return fmt::format("{:g} s", static_cast<double>(ms.count()) / 1000.0);
}

} // namespace

std::mutex& fork_mutex()
{
  static std::mutex mutex;
  return mutex;
}

std::vector<std::string> proc_stat_fields(int64_t pid)
{
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!in || !std::getline(in, stat)) {
    return {};
  }
  const auto close = stat.rfind(')');
  if (close == std::string::npos) {
    return {};
  }
  std::istringstream words(stat.substr(close + 1));
  std::vector<std::string> fields;
  for (std::string field; words >> field;) {
    fields.push_back(field);
  }
  return fields;
}

bool process_exited(int64_t pid)
{
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
    return true;
  }
  const auto fields = proc_stat_fields(pid);
  return !fields.empty() && fields.front() == "Z";
}

void ChildChannel::send(std::string_view bytes)
{
  send_frame(m_fd, k_result, bytes);
}

Child::Child(const Body& body, ChildLimits limits) : m_limits(limits)
{
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw Error(ExitCode::job_failed, fmt::format("cannot create a pipe: {}", std::strerror(errno)),
                "the system is out of file descriptors; retry later");
  }
  const pid_t parent = ::getpid();
  {
    const std::lock_guard quiet(fork_mutex());
    m_pid = ::fork();
  }
  if (m_pid < 0) {
    const int err = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw Error(ExitCode::job_failed,
                fmt::format("cannot start a worker process: {}", std::strerror(err)),
                "the system is out of processes or memory; retry later");
  }
  if (m_pid == 0) {
    ::close(fds[0]);
    run_child(body, m_limits, fds[1], parent);
  }
  ::close(fds[1]);
  m_fd = fds[0];
  ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
  m_started = m_last_result = std::chrono::steady_clock::now();
}

Child::~Child()
{
  stop();
}

void Child::stop()
{
  if (m_pid > 0) {
    ::kill(m_pid, SIGKILL);
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_pid = -1;
  }
  if (m_fd >= 0) {
    ::close(m_fd);
    m_fd = -1;
  }
}

void Child::died()
{
  // The pipe closed before the frame we wanted: the child is gone.
  int status = 0;
  pid_t got = -1;
  while ((got = ::waitpid(m_pid, &status, 0)) < 0 && errno == EINTR) {
  }
  m_pid = -1;
  stop();
  if (got > 0 && WIFSIGNALED(status)) {
    const int signo = WTERMSIG(status);
    const bool memory = signo == SIGABRT || signo == SIGSEGV || signo == SIGBUS;
    throw ChildFailure(ChildFailure::Kind::crashed,
                       fmt::format("the parser crashed (signal {}, {}){}", signo,
                                   ::strsignal(signo),
                                   memory && m_limits.memory_bytes > 0
                                       ? fmt::format(", possibly at the memory limit ({} MB, "
                                                     "--worker-memory)",
                                                     m_limits.memory_bytes >> 20)
                                       : ""));
  }
  throw ChildFailure(ChildFailure::Kind::crashed,
                     fmt::format("the parser stopped without finishing (exit status {})",
                                 got > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1));
}

void Child::fill(std::size_t want, const std::function<void()>& waiting)
{
  char chunk[1 << 16];
  while (m_buffer.size() < want) {
    const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
    if (n > 0) {
      m_buffer.append(chunk, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) {
      died();
    }
    if (errno == EINTR) {
      continue;
    }
    if (errno != EAGAIN) {
      died();
    }
    const auto now = std::chrono::steady_clock::now();
    if (m_limits.per_result.count() > 0 && now - m_last_result > m_limits.per_result) {
      stop();
      throw ChildFailure(ChildFailure::Kind::timeout,
                         fmt::format("one page took longer than {} (--page-timeout)",
                                     seconds(m_limits.per_result)));
    }
    if (m_limits.total.count() > 0 && now - m_started > m_limits.total) {
      stop();
      throw ChildFailure(ChildFailure::Kind::timeout,
                         fmt::format("reading it took longer than {} (--document-timeout)",
                                     seconds(m_limits.total)));
    }
    if (waiting) {
      try {
        waiting();
      } catch (...) {
        stop();
        throw;
      }
    }
    pollfd p{m_fd, POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(k_poll_slice.count()));
  }
}

bool Child::read_frame(char& type, std::string& bytes, const std::function<void()>& waiting)
{
  fill(k_header, waiting);
  type = m_buffer[0];
  uint64_t n = 0;
  std::memcpy(&n, m_buffer.data() + 1, sizeof n);
  fill(k_header + n, waiting);
  bytes.assign(m_buffer, k_header, n);
  m_buffer.erase(0, k_header + n);
  return true;
}

std::optional<std::string> Child::next(const std::function<void()>& waiting)
{
  if (m_finished || m_pid < 0) {
    return std::nullopt;
  }
  char type = 0;
  std::string bytes;
  read_frame(type, bytes, waiting);
  m_last_result = std::chrono::steady_clock::now();
  switch (type) {
  case k_result:
    return bytes;
  case k_done:
    m_finished = true;
    stop();
    return std::nullopt;
  case k_error: {
    stop();
    const auto j = nlohmann::json::parse(bytes);
    throw Error(static_cast<ExitCode>(j.at("code").get<int>()), j.at("message").get<std::string>(),
                j.at("hint").get<std::string>());
  }
  case k_no_memory:
    stop();
    throw ChildFailure(ChildFailure::Kind::out_of_memory,
                       fmt::format("the parser ran out of memory (limit {} MB, --worker-memory)",
                                   m_limits.memory_bytes >> 20));
  default:
    stop();
    throw ChildFailure(ChildFailure::Kind::crashed, "the parser failed: " + bytes);
  }
}

} // namespace collproc::util
