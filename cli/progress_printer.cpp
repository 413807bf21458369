#include "cli/progress_printer.hpp"
#include "cli/terminal.hpp"

#include "core/runner/phase.hpp"
#include "core/util/time.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace collproc::cli {

namespace {

using Clock = std::chrono::steady_clock;

int percentage(const runner::PhaseEvent& e)
{
  return e.total > 0 ? static_cast<int>(std::lround(100.0 * e.info->number / e.total)) : 0;
}

// "Phase 4 of 6: " or "Step 5 of 7: ".
std::string phase_number(const runner::PhaseEvent& e)
{
  const bool documents = e.info->job == state::JobKind::documents;
  return fmt::format("{} {} of {}: ", documents ? "Phase" : "Step", e.info->number, e.total);
}

std::string phase_title(const runner::PhaseEvent& e)
{
  return phase_number(e) + e.info->label;
}

// "skipped_rows" as a person writes it, singular for one: "1 skipped row",
// "1 category", "2 pages".
std::string count_phrase(const std::string& key, const nlohmann::json& value)
{
  std::string words = key;
  std::replace(words.begin(), words.end(), '_', ' ');
  if (value.is_number() && value == 1) {
    if (words.size() > 3 && words.compare(words.size() - 3, 3, "ies") == 0) {
      words.replace(words.size() - 3, 3, "y");
    } else if (words.size() > 1 && words.back() == 's' && words[words.size() - 2] != 's') {
      words.pop_back();
    }
  }
  return value.dump() + " " + words;
}

std::string counts_text(const nlohmann::json& counts)
{
  std::string out;
  for (const auto& [key, value] : counts.items()) {
    out += (out.empty() ? "" : ", ") + count_phrase(key, value);
  }
  return out;
}

class Silent final : public runner::Progress {};

// Shared timing: job start, phase start, unit rate for the estimate.
class Timed : public runner::Progress {
protected:
  void job_started(const std::string&, state::JobKind, const std::string&) override
  {
    m_job_start = Clock::now();
  }
  void phase_started(const runner::PhaseEvent&) override { m_phase_start = Clock::now(); }

  double job_seconds() const
  {
    return std::chrono::duration<double>(Clock::now() - m_job_start).count();
  }
  // Time left in the phase once enough units give a rate, else "".
  std::string eta(int done, int total) const
  {
    const double elapsed = std::chrono::duration<double>(Clock::now() - m_phase_start).count();
    if (done < 2 || total <= done || elapsed < 1.0) {
      return "";
    }
    return fmt::format(", ~{} left", util::human_duration(elapsed / done * (total - done)));
  }

  Clock::time_point m_job_start = Clock::now();
  Clock::time_point m_phase_start = Clock::now();
};

class Bar final : public Timed {
public:
  void note(const std::string& text) override { line(printable(text, true), true); }
  void phase_started(const runner::PhaseEvent& e) override
  {
    Timed::phase_started(e);
    draw(e, "");
  }
  void phase_skipped(const runner::PhaseEvent& e, const std::string& why) override
  {
    line(fmt::format("{}... {} ({})", phase_title(e), why, "skipped"), true);
  }
  void units(const runner::PhaseEvent& e, int done, int total, const char* unit) override
  {
    // Redrawing more than ~10 times a second only costs terminal time.
    const auto now = Clock::now();
    if (done != total && now - m_last_draw < std::chrono::milliseconds(100)) {
      return;
    }
    m_last_draw = now;
    draw(e, total > 0 ? fmt::format(" {} {}/{}{}", unit, done, total, eta(done, total)) : "");
  }
  void phase_finished(const runner::PhaseEvent& e, const nlohmann::json& counts,
                      double seconds) override
  {
    line(fmt::format("{}... done in {}{}", phase_title(e), util::human_duration(seconds),
                     counts.empty() ? "" : " (" + counts_text(counts) + ")"),
         true);
  }
  void job_finished(state::JobStatus, const std::string&) override { clear(); }

private:
  // The redrawn line fits the terminal as it is now (the width is asked at
  // every redraw, as ninja does, so a resize takes effect at the next one):
  // a line that wrapped would leave a copy of itself at every redraw. The
  // label gives way first, then the unit count; the rest is cut.
  void draw(const runner::PhaseEvent& e, const std::string& units)
  {
    const std::string head = phase_number(e);
    const std::string tail =
        fmt::format("... {}% ({})", percentage(e), util::human_duration(job_seconds()));
    const int columns = terminal_columns(STDERR_FILENO);
    std::string label = e.info->label;
    std::string count = units;
    if (columns > 0) {
      // One column spare: writing the last column leaves some terminals
      // about to wrap.
      const std::size_t room = static_cast<std::size_t>(columns - 1);
      const std::size_t fixed = display_width(head) + display_width(tail);
      const std::size_t minimum_label = 12;
      if (fixed + display_width(label) + display_width(count) > room &&
          fixed + minimum_label + display_width(count) > room) {
        count.clear();
      }
      const std::size_t left =
          room > fixed + display_width(count) ? room - fixed - display_width(count) : 0;
      if (display_width(label) > left) {
        label = left > 1 ? cut_to_width(label, left - 1) + "\u2026" : "";
      }
      line(cut_to_width(head + label + tail + count, room), false);
      return;
    }
    line(head + label + tail + count, false);
  }
  void line(const std::string& text, bool keep)
  {
    fmt::print(stderr, "\r\033[K{}{}", text, keep ? "\n" : "");
    std::fflush(stderr);
    m_dirty = !keep;
  }
  void clear()
  {
    if (m_dirty) {
      fmt::print(stderr, "\r\033[K");
      m_dirty = false;
    }
  }
  Clock::time_point m_last_draw{};
  bool m_dirty = false;
};

class Plain final : public Timed {
public:
  void note(const std::string& text) override { fmt::print(stderr, "{}\n", printable(text, true)); }
  void phase_started(const runner::PhaseEvent& e) override
  {
    Timed::phase_started(e);
    fmt::print(stderr, "{}... {}%\n", phase_title(e), percentage(e));
    m_last_tenth = -1;
  }
  void phase_skipped(const runner::PhaseEvent& e, const std::string& why) override
  {
    fmt::print(stderr, "{}: skipped, {}\n", phase_title(e), why);
  }
  void units(const runner::PhaseEvent& e, int done, int total, const char* unit) override
  {
    // A line per tenth keeps logs readable for long phases.
    if (total < 20 || done == 0) {
      return;
    }
    const int tenth = done * 10 / total;
    if (tenth != m_last_tenth && done < total) {
      m_last_tenth = tenth;
      fmt::print(stderr, "{}: {} {}/{}{}\n", phase_title(e), unit, done, total, eta(done, total));
    }
  }
  void phase_finished(const runner::PhaseEvent& e, const nlohmann::json& counts,
                      double seconds) override
  {
    fmt::print(stderr, "{}: done in {}{}\n", phase_title(e), util::human_duration(seconds),
               counts.empty() ? "" : " (" + counts_text(counts) + ")");
  }

private:
  int m_last_tenth = -1;
};

class JsonLines final : public Timed {
public:
  void job_started(const std::string& collection, state::JobKind job,
                   const std::string& task_id) override
  {
    Timed::job_started(collection, job, task_id);
    emit({{"event", "job_started"},
          {"collection", collection},
          {"job", state::to_string(job)},
          {"task_id", task_id}});
  }
  void note(const std::string& text) override { emit({{"event", "note"}, {"message", text}}); }
  void phase_started(const runner::PhaseEvent& e) override
  {
    Timed::phase_started(e);
    emit(base("phase_started", e));
  }
  void phase_skipped(const runner::PhaseEvent& e, const std::string& why) override
  {
    auto j = base("phase_skipped", e);
    j["reason"] = why;
    emit(j);
  }
  void units(const runner::PhaseEvent& e, int done, int total, const char* unit) override
  {
    const auto now = Clock::now();
    if (done != total && done != 0 && now - m_last < std::chrono::milliseconds(200)) {
      return;
    }
    m_last = now;
    auto j = base("units", e);
    j["unit"] = unit;
    j["done"] = done;
    j["total"] = total;
    emit(j);
  }
  void phase_finished(const runner::PhaseEvent& e, const nlohmann::json& counts,
                      double seconds) override
  {
    auto j = base("phase_finished", e);
    j["counts"] = counts;
    j["seconds"] = seconds;
    emit(j);
  }
  void job_finished(state::JobStatus status, const std::string& message) override
  {
    emit({{"event", "job_finished"},
          {"status", state::to_string(status)},
          {"message", message},
          {"seconds", job_seconds()}});
  }

private:
  static nlohmann::json base(const char* event, const runner::PhaseEvent& e)
  {
    return {{"event", event},         {"phase", e.info->number}, {"name", e.info->name},
            {"label", e.info->label}, {"total", e.total},        {"percentage", percentage(e)}};
  }
  static void emit(const nlohmann::json& j)
  {
    fmt::print(stderr, "{}\n", j.dump());
    std::fflush(stderr);
  }
  Clock::time_point m_last{};
};

} // namespace

std::unique_ptr<runner::Progress> make_progress(const std::string& kind, bool quiet)
{
  if (kind == "jsonl") {
    return std::make_unique<JsonLines>();
  }
  if (quiet || kind == "none") {
    return std::make_unique<Silent>();
  }
  if (kind == "bar" || (kind == "auto" && isatty(STDERR_FILENO))) {
    return std::make_unique<Bar>();
  }
  return std::make_unique<Plain>();
}

} // namespace collproc::cli
