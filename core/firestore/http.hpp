#pragma once
// A small HTTP client over libcurl for Google's REST APIs, and the retry
// policy sync uses: 429, 500, 503, 504 and connection errors are retried with
// exponential backoff and jitter, honouring Retry-After. TLS is always
// verified (peer and host); nothing here logs a header or a body.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace collproc::firestore {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers; // "Name: value"
  std::string body;
};

struct HttpResponse {
  long status = 0;                            // 0: no response (transport failure)
  std::map<std::string, std::string> headers; // names lower-cased
  std::string body;
  std::string transport_error;  // curl's message when status is 0
  bool transport_final = false; // a failure retrying cannot fix (TLS verification, bad URL)
};

struct RetryPolicy {
  int max_attempts = 6;         // the first try included
  int64_t base_ms = 500;        // first backoff; doubles each retry
  int64_t max_delay_ms = 32000; // one wait never exceeds this (nor Retry-After 60 s)
  int64_t timeout_ms = 60000;   // one request, connect included
};

// The policy with $COLLPROC_TEST_BACKOFF_MS (tests only) as base_ms.
RetryPolicy retry_policy_from_environment(int max_attempts, int64_t timeout_ms);

// Sends one request; a transport failure is a response with status 0.
HttpResponse http_send(const HttpRequest& request, int64_t timeout_ms);

// Whether a response is worth retrying: 429, 500, 503, 504 or no response
// (except a final transport failure such as an unverifiable certificate).
bool retryable(const HttpResponse& response);

// How long to wait before retry number `retry` (1-based): full-jitter
// exponential backoff, at least the response's Retry-After.
int64_t backoff_ms(const RetryPolicy& policy, int retry, const HttpResponse& response);

// Sends with retries. Returns the first response that is not retryable
// (success or a final error, for the caller to read). Throws
// Error(unavailable) naming `subject` when every attempt failed,
// Error(job_failed) at once for a final transport failure, and Cancelled
// when a signal arrives while waiting.
HttpResponse send_with_retry(const HttpRequest& request, const RetryPolicy& policy,
                             const std::string& subject);

// The server's error message from a Google error body
// ({"error": {"message": ..., "status": ...}} or OAuth's
// {"error": ..., "error_description": ...}), else the start of the body.
std::string server_message(const HttpResponse& response);

// Percent-encodes everything but unreserved characters (RFC 3986).
std::string url_encode(const std::string& text);

} // namespace collproc::firestore
