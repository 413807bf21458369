#pragma once
// The exit codes of SPEC §2 and the one exception type that stops a command.
// cli/main.cpp catches collproc::Error once, prints what() and hint(), and
// returns code(). Expected outcomes are values, not throws.

#include <stdexcept>
#include <string>

namespace collproc {

enum class ExitCode {
  ok = 0,
  job_failed = 1,
  usage = 2,
  not_found = 3,
  bad_input = 65,
  unavailable = 69,
  already_running = 75,
  cancelled = 130,
};

// what() starts with its subject ("ss26: lookbook.pdf: extract-text: page 7:
// file is encrypted"); hint() says what the user can do next, or is empty.
class Error : public std::runtime_error {
public:
  Error(ExitCode code, const std::string& message, std::string hint = {});

  ExitCode code() const { return m_code; }
  const std::string& hint() const { return m_hint; }

  // The same error with "subject: " put before its message.
  Error with_subject(const std::string& subject) const;

private:
  ExitCode m_code;
  std::string m_hint;
};

// Thrown by CancelToken::throw_if_requested; the runner turns it into the
// `cancelled` status and exit 130.
class Cancelled : public std::runtime_error {
public:
  Cancelled() : std::runtime_error("cancelled") {}
};

} // namespace collproc
