#pragma once
// Cancellation: a token checked at every unit of work (a page, an image, a
// request). It trips on the first SIGINT/SIGTERM (install_signal_handlers),
// on SIGUSR1 (sent by `collproc cancel` on this host), or when the heartbeat
// sees the job's cancel flag in the state file.

#include <atomic>

namespace collproc::runner {

enum class CancelReason { none = 0, signal = 1, requested = 2, lease_lost = 3 };

class CancelToken {
public:
  // Throws collproc::Cancelled when cancellation was requested.
  void throw_if_requested() const;
  bool requested() const;
  CancelReason reason() const;
  void request(CancelReason why);

private:
  std::atomic<int> m_reason{0};
};

// First SIGINT or SIGTERM: set a flag that every CancelToken sees. Second:
// restore the default action and re-raise, so the process exits at once
// (the state stays consistent: every write is a transaction). SIGUSR1 sets
// the flag without ever escalating. SIGPIPE is ignored.
void install_signal_handlers();
// The signal that tripped the flag, or 0.
int pending_signal();

} // namespace collproc::runner
