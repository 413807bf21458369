#pragma once
// The HTTP side of the openai engine: POSTs chat-completions bodies to an
// OpenAI-compatible endpoint over libcurl multi, several at once, with
// retries (429, 5xx, connection errors and timeouts; exponential backoff with
// jitter, Retry-After honoured), a per-request timeout, and a cancellation
// check polled at least every 100 ms. It knows nothing of prompts or schemas.
// The API key goes into the Authorization header only and never into a
// message.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace collproc::ai::openai {

// Where and how to talk; from the environment and the --ai-* options.
struct ClientConfig {
  std::string base_url = "https://api.openai.com/v1"; // "/chat/completions" is appended
  std::string api_key;                                // "" sends no Authorization header
  int64_t timeout_ms = 120'000;                       // one attempt, connect to last byte
  int max_attempts = 5;                               // per request, first one included
  int64_t backoff_base_ms = 1'000;                    // first retry waits about this long
  int64_t max_wait_ms = 60'000;                       // cap on a backoff or a Retry-After
  int concurrency = 4;                                // requests in flight at once
};

// How one request ended. ok: HTTP 2xx with a body. rejected: a final HTTP
// error (400, 401, 404...) that retrying cannot fix. unavailable: retryable
// failures until the attempts ran out.
enum class Outcome { ok, rejected, unavailable };

struct Reply {
  Outcome outcome = Outcome::unavailable;
  long status = 0;     // last HTTP status, 0 when no response arrived
  std::string body;    // the last response body
  std::string problem; // for rejected/unavailable: "HTTP 503: overloaded", "timed out after 2 s"
  int attempts = 0;
};

// The URL requests go to: base_url + "/chat/completions", the path put
// before any query string (Azure-style "...?api-version=...").
std::string completions_url(const std::string& base_url);

// The base URL as it may appear in messages and the state file: without any
// "user:password@" part.
std::string display_endpoint(const std::string& base_url);

// Replaces the key (and anything that looks like an OpenAI secret key) in
// text with "[redacted]", for messages quoted from a server.
std::string redact(std::string text, const std::string& api_key);

// Called on the calling thread as each body's last attempt ends, with its
// index; it may throw to stop everything.
using ReplyCallback = std::function<void(size_t, const Reply&)>;

// Sends every body, at most config.concurrency at a time, and returns one
// Reply per body in the same order. Everything runs on the calling thread.
// check_cancel is called at least every 100 ms; when it (or on_done) throws,
// every transfer in flight is aborted and the exception propagates.
std::vector<Reply> post_all(const ClientConfig& config, const std::vector<std::string>& bodies,
                            const std::function<void()>& check_cancel,
                            const ReplyCallback& on_done = {});

// The wait before attempt number `attempt` + 1 (attempt counts from 1): the
// server's Retry-After when it gave one (capped), else base * 2^(attempt-1)
// with jitter in [50%, 100%], capped. `jitter` is in [0, 1].
int64_t retry_delay_ms(const ClientConfig& config, int attempt, int64_t retry_after_ms,
                       double jitter);

// A Retry-After header value (delta-seconds or an HTTP date) as
// milliseconds from now; -1 when absent or unreadable.
int64_t parse_retry_after(const std::string& value, int64_t now_unix_seconds);

} // namespace collproc::ai::openai
