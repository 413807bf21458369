#include "core/runner/cancel.hpp"

#include "core/util/error.hpp"

#include <csignal>

namespace collproc::runner {

namespace {

// Signal handlers may only touch a volatile sig_atomic_t (ninja's
// SetInterruptedFlag does the same).
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_terminate_signal(int signo)
{
  if (g_signal != 0 && g_signal != SIGUSR1) {
    std::signal(signo, SIG_DFL);
    std::raise(signo);
    return;
  }
  g_signal = signo;
}

extern "C" void on_cancel_signal(int signo)
{
  if (g_signal == 0) {
    g_signal = signo;
  }
}

} // namespace

void install_signal_handlers()
{
  struct sigaction action {};
  action.sa_handler = on_terminate_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  struct sigaction cancel {};
  cancel.sa_handler = on_cancel_signal;
  sigemptyset(&cancel.sa_mask);
  sigaction(SIGUSR1, &cancel, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
}

int pending_signal()
{
  return g_signal;
}

bool CancelToken::requested() const
{
  return reason() != CancelReason::none;
}

CancelReason CancelToken::reason() const
{
  const int r = m_reason.load();
  if (r != 0) {
    return static_cast<CancelReason>(r);
  }
  if (g_signal == SIGUSR1) {
    return CancelReason::requested;
  }
  return g_signal != 0 ? CancelReason::signal : CancelReason::none;
}

void CancelToken::request(CancelReason why)
{
  int expected = 0;
  m_reason.compare_exchange_strong(expected, static_cast<int>(why));
}

void CancelToken::throw_if_requested() const
{
  if (requested()) {
    throw Cancelled();
  }
}

} // namespace collproc::runner
