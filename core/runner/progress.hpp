#pragma once
// What a running job reports; cli/ implements it as a bar, plain lines or
// JSON lines (core never prints). Every method has an empty default.

#include "core/state/state_store.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace collproc::runner {

struct PhaseInfo;

struct PhaseEvent {
  const PhaseInfo* info = nullptr;
  int total = 0; // phases in the job
};

class Progress {
public:
  virtual ~Progress() = default;
  virtual void job_started(const std::string& /*collection*/, state::JobKind,
                           const std::string& /*task_id*/)
  {
  }
  virtual void note(const std::string& /*text*/) {}
  virtual void phase_started(const PhaseEvent&) {}
  virtual void phase_skipped(const PhaseEvent&, const std::string& /*why*/) {}
  virtual void units(const PhaseEvent&, int /*done*/, int /*total*/, const char* /*unit_name*/) {}
  virtual void phase_finished(const PhaseEvent&, const nlohmann::json& /*counts*/,
                              double /*seconds*/)
  {
  }
  virtual void job_finished(state::JobStatus, const std::string& /*message*/) {}
};

} // namespace collproc::runner
