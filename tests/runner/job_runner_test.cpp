// tests/runner/job_runner_test.cpp mirrors core/runner/job_runner.cpp, with
// small phases of its own against a real state file.
#include "core/runner/job_runner.hpp"
#include "core/runner/process_identity.hpp"
#include "core/util/time.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace collproc;
using namespace collproc::runner;
using collproc::test::TempDir;
using state::JobKind;
using state::JobStatus;

namespace {

class TestPhase final : public Phase {
public:
  TestPhase(const char* name, int number, KeepOnCancel keep, Granularity granularity)
      : m_info{name, name, JobKind::documents, number, 1, PhaseInputs::none, keep, granularity}
  {
  }
  const PhaseInfo& info() const override { return m_info; }
  void run(PhaseContext& ctx) const override
  {
    ++runs;
    body(ctx);
  }
  mutable int runs = 0;
  std::function<void(PhaseContext&)> body = [](PhaseContext& ctx) { ctx.stage("", 0, "{}"); };

private:
  PhaseInfo m_info;
};

class Recorder final : public Progress {
public:
  void note(const std::string& text) override { notes.push_back(text); }
  void phase_skipped(const PhaseEvent& e, const std::string&) override
  {
    skipped.push_back(e.info->name);
  }
  std::vector<std::string> notes;
  std::vector<std::string> skipped;
};

struct Fixture {
  Fixture() : store(dir.path() / "collproc.db", state::StateStore::Open::create)
  {
    store.ensure_collection("ss26");
  }
  RunOutcome run(bool force = false, int from = 0)
  {
    CancelToken fresh;
    JobRunner runner(store, {&units, &whole}, progress, token ? *token : fresh);
    RunRequest request;
    request.collection = "ss26";
    request.force = force;
    request.from = from;
    return runner.run(request);
  }
  TempDir dir;
  state::StateStore store;
  TestPhase units{"units", 1, KeepOnCancel::yes, Granularity::per_unit};
  TestPhase whole{"whole", 2, KeepOnCancel::no, Granularity::whole};
  Recorder progress;
  CancelToken* token = nullptr;
};

} // namespace

TEST_CASE("A rerun skips every phase whose fingerprint still matches", "[runner]")
{
  Fixture f;
  CHECK(f.run().code == ExitCode::ok);
  CHECK(f.run().code == ExitCode::ok);
  CHECK(f.units.runs == 1);
  CHECK(f.whole.runs == 1);
  CHECK(f.progress.skipped == std::vector<std::string>{"units", "whole"});
  CHECK(f.store.job("ss26", JobKind::documents).status == JobStatus::completed);
  CHECK(f.run(true).code == ExitCode::ok);
  CHECK(f.units.runs == 2);
  CHECK(f.store.runs("ss26").size() == 3);
}

TEST_CASE("--from reruns that phase and every later one, the first phase included", "[runner]")
{
  Fixture f;
  CHECK(f.run().code == ExitCode::ok);
  CHECK(f.run(false, 2).code == ExitCode::ok);
  CHECK(f.units.runs == 1);
  CHECK(f.whole.runs == 2);
  CHECK(f.run(false, 1).code == ExitCode::ok);
  CHECK(f.units.runs == 2);
  CHECK(f.whole.runs == 3);
}

TEST_CASE("An interrupted per-unit phase resumes at its first unfinished unit", "[runner]")
{
  Fixture f;
  std::vector<int> done;
  bool fail_after_two = true;
  f.units.body = [&](PhaseContext& ctx) {
    for (int unit = 1; unit <= 4; ++unit) {
      if (ctx.unit_done("doc", unit)) {
        continue;
      }
      if (fail_after_two && unit == 3) {
        throw Error(ExitCode::bad_input, "doc.pdf: page 3: damaged", "re-export it");
      }
      ctx.commit_unit("doc", unit, "{}");
      done.push_back(unit);
    }
  };
  const RunOutcome first = f.run();
  CHECK(first.code == ExitCode::bad_input);
  const auto row = f.store.job("ss26", JobKind::documents);
  CHECK(row.status == JobStatus::failed);
  CHECK(row.error_phase == 1);
  CHECK(row.error_message == "doc.pdf: page 3: damaged");
  fail_after_two = false;
  CHECK(f.run().code == ExitCode::ok);
  CHECK(done == std::vector<int>{1, 2, 3, 4});
}

TEST_CASE("Cancelling keeps extraction units and deletes the job's later results", "[runner]")
{
  Fixture f;
  CHECK(f.run().code == ExitCode::ok);
  CancelToken token;
  f.token = &token;
  f.units.body = [](PhaseContext& ctx) { ctx.commit_unit("doc", 1, "{}"); };
  f.whole.body = [&](PhaseContext& ctx) {
    token.request(CancelReason::requested);
    ctx.set_units(3, "page");
    ctx.advance();
    FAIL("advance() did not stop a cancelled job");
  };
  const RunOutcome outcome = f.run(true);
  CHECK(outcome.code == ExitCode::cancelled);
  CHECK(outcome.message.find("cancelled during whole") != std::string::npos);
  CHECK(f.store.job("ss26", JobKind::documents).status == JobStatus::cancelled);
  CHECK(f.store.checkpoint("ss26", "units")->complete);
  CHECK(f.store.outputs("ss26", "units").size() == 1);
  CHECK_FALSE(f.store.checkpoint("ss26", "whole").has_value());
  CHECK(f.store.outputs("ss26", "whole").empty());
  CHECK_FALSE(f.store.lease("ss26", JobKind::documents).has_value());
}

TEST_CASE("A job a live process owns is refused with exit 75", "[runner]")
{
  Fixture f;
  const ProcessIdentity me = current_process();
  f.store.put_lease({"ss26", JobKind::documents, "other-task", me.host, me.pid, me.start,
                     util::now_ms(), "since"});
  try {
    f.run();
    FAIL("ran a job another task owns");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::already_running);
    CHECK(std::string(e.what()).find("pid " + std::to_string(me.pid)) != std::string::npos);
  }
  CHECK(f.units.runs == 0);
}

TEST_CASE("A job whose owner is gone is taken over and restarted", "[runner]")
{
  Fixture f;
  state::JobRow row = f.store.job("ss26", JobKind::documents);
  row.status = JobStatus::processing;
  f.store.put_job(row);
  const ProcessIdentity me = current_process();
  // A pid that cannot exist (above pid_max), so the owner is surely gone.
  f.store.put_lease(
      {"ss26", JobKind::documents, "dead-task", me.host, 1 << 30, 1, util::now_ms(), "since"});
  CHECK(f.run().code == ExitCode::ok);
  CHECK(f.progress.notes == std::vector<std::string>{"Restarting processing…"});
}

TEST_CASE("A lease whose heartbeat is older than stale_after is not live", "[runner]")
{
  const ProcessIdentity me = current_process();
  state::LeaseRow lease{"ss26", JobKind::documents, "t", me.host, me.pid, me.start, 1000, ""};
  CHECK(lease_is_live(lease, 1000 + 59000, 60000));
  CHECK_FALSE(lease_is_live(lease, 1000 + 61000, 60000));
  lease.host = "another-host";
  CHECK(lease_is_live(lease, 1000 + 59000, 60000));
}

TEST_CASE("status_json renders the SPEC §4 shape", "[runner]")
{
  TestPhase a{"a", 1, KeepOnCancel::yes, Granularity::whole};
  TestPhase b{"b", 2, KeepOnCancel::yes, Granularity::whole};
  TestPhase c{"c", 3, KeepOnCancel::yes, Granularity::whole};
  state::JobRow row;
  row.job = JobKind::documents;
  row.status = JobStatus::failed;
  row.phase = 2;
  row.error_message = "boom";
  row.error_phase = 2;
  row.error_details = "retry";
  const auto j = status_json(row, {a.info(), b.info(), c.info()});
  CHECK(j["status"] == "failed");
  CHECK(j["current_phase"] == "b");
  CHECK(j["progress"] == nlohmann::json{{"phase", 2}, {"total_phases", 3}, {"percentage", 67}});
  CHECK(j["error"] == nlohmann::json{{"message", "boom"}, {"phase", "b"}, {"details", "retry"}});
  row.job = JobKind::items;
  row.status = JobStatus::completed;
  const auto k = status_json(row, {a.info(), b.info(), c.info()});
  CHECK(k["current_step"] == "b");
  CHECK(k["progress"]["total_steps"] == 3);
  CHECK_FALSE(k.contains("error"));
}
