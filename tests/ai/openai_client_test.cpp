// tests/ai/openai_client_test.cpp mirrors core/ai/openai_client.cpp: URLs,
// redaction, backoff, and post_all against the loopback chat-completions
// server (tests/support/llm_server.py, a real process on 127.0.0.1).

#include "core/ai/openai_client.hpp"
#include "core/ai/openai_prompts.hpp"
#include "core/util/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace collproc;
using namespace collproc::ai::openai;
using nlohmann::json;

namespace {

// The loopback server as a child process, killed when the test ends.
class LlmServer {
public:
  LlmServer(const test::TempDir& dir, std::vector<std::string> args)
  {
    const auto port_file = dir.path() / "port";
    std::vector<std::string> argv = {
        "/usr/bin/python3", (test::source_dir() / "tests/support/llm_server.py").string(),
        "--testdata",       test::testdata_dir().string(),
        "--port-file",      port_file.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    m_pid = fork();
    if (m_pid == 0) {
      std::vector<char*> c;
      for (auto& a : argv) {
        c.push_back(a.data());
      }
      c.push_back(nullptr);
      execv("/usr/bin/python3", c.data());
      _exit(127);
    }
    for (int i = 0; i < 200 && !std::filesystem::exists(port_file); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    REQUIRE(std::filesystem::exists(port_file));
    url = "http://127.0.0.1:" + test::read_file(port_file) + "/v1";
  }
  ~LlmServer()
  {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
  std::string url;

private:
  pid_t m_pid;
};

std::string categories_body()
{
  const auto q = categories_question({});
  return json{
      {"model", "m"},
      {"messages",
       {{{"role", "system"}, {"content", q.system}}, {{"role", "user"}, {"content", q.user}}}},
      {"stream", false}}
      .dump();
}

int64_t ms_since(std::chrono::steady_clock::time_point t0)
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               t0)
      .count();
}

} // namespace

TEST_CASE("The completions URL keeps a gateway's query string", "[ai]")
{
  CHECK(completions_url("https://api.openai.com/v1") ==
        "https://api.openai.com/v1/chat/completions");
  CHECK(completions_url("http://localhost:11434/v1/") ==
        "http://localhost:11434/v1/chat/completions");
  CHECK(completions_url("https://gw.example/openai/deployments/d1?api-version=2024-06-01") ==
        "https://gw.example/openai/deployments/d1/chat/completions?api-version=2024-06-01");
  CHECK(display_endpoint("https://user:secret@gw.example/v1") == "https://gw.example/v1");
  CHECK(display_endpoint("http://127.0.0.1:8080/v1") == "http://127.0.0.1:8080/v1");
}

TEST_CASE("Keys are redacted from quoted server messages", "[ai]")
{
  CHECK(redact("bad key sk-live-abcdef123456 given", "sk-live-abcdef123456") ==
        "bad key [redacted] given");
  CHECK(redact("Incorrect API key provided: sk-ab**********wxyz.", "other") ==
        "Incorrect API key provided: [redacted].");
  CHECK(redact("key local-key-1 rejected", "local-key-1") == "key [redacted] rejected");
}

TEST_CASE("Backoff doubles with jitter, is capped, and yields to Retry-After", "[ai]")
{
  ClientConfig c;
  c.backoff_base_ms = 1000;
  c.max_wait_ms = 5000;
  CHECK(retry_delay_ms(c, 1, -1, 0.0) == 500);
  CHECK(retry_delay_ms(c, 1, -1, 1.0) == 1000);
  CHECK(retry_delay_ms(c, 3, -1, 1.0) == 4000);
  CHECK(retry_delay_ms(c, 6, -1, 1.0) == 5000);
  CHECK(retry_delay_ms(c, 1, 2000, 0.0) == 2000);
  CHECK(retry_delay_ms(c, 1, 90'000, 0.0) == 5000);
  CHECK(parse_retry_after("2", 0) == 2000);
  CHECK(parse_retry_after("0.5", 0) == 500);
  CHECK(parse_retry_after("Thu, 01 Jan 1970 00:00:10 GMT", 4) == 6000);
  CHECK(parse_retry_after("soon", 0) == -1);
  CHECK(parse_retry_after("", 0) == -1);
}

TEST_CASE("post_all returns replies in body order with several in flight", "[ai]")
{
  test::TempDir dir;
  LlmServer server(dir, {});
  ClientConfig c;
  c.base_url = server.url;
  c.concurrency = 3;
  const std::vector<std::string> bodies(7, categories_body());
  std::vector<size_t> done;
  const auto replies = post_all(
      c, bodies, [] {}, [&](size_t i, const Reply&) { done.push_back(i); });
  REQUIRE(replies.size() == 7);
  for (const auto& r : replies) {
    CHECK(r.outcome == Outcome::ok);
    CHECK(r.status == 200);
    CHECK(json::parse(r.body)["choices"][0]["message"]["content"] == R"({"categories": []})");
  }
  CHECK(done.size() == 7);
}

TEST_CASE("post_all retries 5xx and gives up after max_attempts", "[ai]")
{
  test::TempDir dir;
  LlmServer server(dir, {"--fault", "500:-1"});
  ClientConfig c;
  c.base_url = server.url;
  c.max_attempts = 3;
  c.backoff_base_ms = 10;
  const auto replies = post_all(c, {categories_body()}, [] {});
  CHECK(replies[0].outcome == Outcome::unavailable);
  CHECK(replies[0].attempts == 3);
  CHECK(replies[0].problem == "HTTP 500: The server had an error while processing your request.");
}

TEST_CASE("post_all does not retry a rejected request", "[ai]")
{
  test::TempDir dir;
  LlmServer server(dir, {"--api-key", "sk-right-key-000"});
  ClientConfig c;
  c.base_url = server.url;
  c.api_key = "sk-wrong-key-123";
  const auto replies = post_all(c, {categories_body()}, [] {});
  CHECK(replies[0].outcome == Outcome::rejected);
  CHECK(replies[0].attempts == 1);
  CHECK(replies[0].status == 401);
  CHECK(replies[0].problem.find("wrong") == std::string::npos);
  CHECK(replies[0].problem.find("-123") == std::string::npos);
}

TEST_CASE("post_all times out a hung request and retries it", "[ai]")
{
  test::TempDir dir;
  LlmServer server(dir, {"--fault", "hang", "--hang", "3"});
  ClientConfig c;
  c.base_url = server.url;
  c.timeout_ms = 400;
  c.backoff_base_ms = 10;
  const auto t0 = std::chrono::steady_clock::now();
  const auto replies = post_all(c, {categories_body()}, [] {});
  CHECK(replies[0].outcome == Outcome::ok);
  CHECK(replies[0].attempts == 2);
  CHECK(ms_since(t0) < 2500);
}

TEST_CASE("post_all aborts in-flight requests within 100 ms of a cancellation", "[ai]")
{
  test::TempDir dir;
  LlmServer server(dir, {"--fault", "hang:-1", "--hang", "30"});
  ClientConfig c;
  c.base_url = server.url;
  const auto t0 = std::chrono::steady_clock::now();
  int64_t cancelled_at = -1;
  CHECK_THROWS_AS(post_all(c, std::vector<std::string>(3, categories_body()),
                           [&] {
                             if (ms_since(t0) > 300) {
                               cancelled_at = ms_since(t0);
                               throw Cancelled();
                             }
                           }),
                  Cancelled);
  REQUIRE(cancelled_at >= 300);
  CHECK(cancelled_at < 450);
  CHECK(ms_since(t0) - cancelled_at < 100);
}

TEST_CASE("post_all reports a refused connection as unavailable", "[ai]")
{
  ClientConfig c;
  c.base_url = "http://127.0.0.1:1/v1";
  c.max_attempts = 2;
  c.backoff_base_ms = 10;
  const auto replies = post_all(c, {categories_body()}, [] {});
  CHECK(replies[0].outcome == Outcome::unavailable);
  CHECK(replies[0].attempts == 2);
  CHECK(replies[0].status == 0);
}
