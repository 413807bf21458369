#include "core/firestore/http.hpp"

#include "core/runner/cancel.hpp"
#include "core/util/error.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <random>
#include <thread>

namespace collproc::firestore {

namespace {

void global_init()
{
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t on_body(char* data, size_t size, size_t count, void* out)
{
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* out)
{
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
  }
  return size * count;
}

// Sleeps in slices so a Ctrl-C during a long backoff is seen at once.
void interruptible_sleep(int64_t ms)
{
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < end) {
    if (runner::pending_signal() != 0) {
      throw Cancelled();
    }
    std::this_thread::sleep_for(std::min(std::chrono::milliseconds(50),
                                         std::chrono::duration_cast<std::chrono::milliseconds>(
                                             end - std::chrono::steady_clock::now()) +
                                             std::chrono::milliseconds(1)));
  }
}

} // namespace

RetryPolicy retry_policy_from_environment(int max_attempts, int64_t timeout_ms)
{
  RetryPolicy p;
  p.max_attempts = std::max(1, max_attempts);
  p.timeout_ms = timeout_ms;
  if (const char* env = std::getenv("COLLPROC_TEST_BACKOFF_MS"); env && *env) {
    p.base_ms = std::max<int64_t>(1, std::atoll(env));
  }
  return p;
}

HttpResponse http_send(const HttpRequest& request, int64_t timeout_ms)
{
  global_init();
  HttpResponse response;
  CURL* curl = curl_easy_init();
  if (!curl) {
    response.transport_error = "cannot start libcurl";
    return response;
  }
  curl_slist* headers = nullptr;
  for (const auto& h : request.headers) {
    headers = curl_slist_append(headers, h.c_str());
  }
  // curl adds "Expect: 100-continue" to large bodies; Google does not need the extra round trip.
  headers = curl_slist_append(headers, "Expect:");
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method != "GET") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_ms));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<int64_t>(timeout_ms, 10000)));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  } else {
    response.status = 0;
    response.transport_error = curl_easy_strerror(rc);
    // A certificate that does not verify will not verify on retry either.
    response.transport_final = rc == CURLE_PEER_FAILED_VERIFICATION ||
                               rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CERTPROBLEM ||
                               rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_URL_MALFORMAT;
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return response;
}

bool retryable(const HttpResponse& r)
{
  return (r.status == 0 && !r.transport_final) || r.status == 429 || r.status == 500 ||
         r.status == 503 || r.status == 504;
}

int64_t backoff_ms(const RetryPolicy& policy, int retry, const HttpResponse& response)
{
  const int64_t ceiling = std::min(policy.max_delay_ms, policy.base_ms << std::min(retry - 1, 20));
  thread_local std::mt19937_64 rng{std::random_device{}()};
  // Full jitter over the upper half keeps retries of many clients apart
  // while still growing exponentially.
  std::uniform_int_distribution<int64_t> dist(ceiling / 2, std::max<int64_t>(ceiling / 2, ceiling));
  int64_t wait = dist(rng);
  if (const auto it = response.headers.find("retry-after"); it != response.headers.end()) {
    int64_t seconds = -1;
    if (!it->second.empty() && std::all_of(it->second.begin(), it->second.end(), ::isdigit)) {
      seconds = std::atoll(it->second.c_str());
    } else if (const time_t when = curl_getdate(it->second.c_str(), nullptr); when > 0) {
      seconds = std::max<int64_t>(0, when - std::time(nullptr));
    }
    if (seconds >= 0) {
      wait = std::max(wait, std::min<int64_t>(seconds, 60) * 1000);
    }
  }
  return wait;
}

HttpResponse send_with_retry(const HttpRequest& request, const RetryPolicy& policy,
                             const std::string& subject)
{
  HttpResponse last;
  for (int attempt = 1; attempt <= policy.max_attempts; ++attempt) {
    if (attempt > 1) {
      interruptible_sleep(backoff_ms(policy, attempt - 1, last));
    }
    if (runner::pending_signal() != 0) {
      throw Cancelled();
    }
    last = http_send(request, policy.timeout_ms);
    if (last.status == 0 && last.transport_final) {
      throw Error(ExitCode::job_failed, fmt::format("{}: {}", subject, last.transport_error),
                  "collproc always verifies TLS: check the endpoint URL and its certificate");
    }
    if (!retryable(last)) {
      return last;
    }
  }
  const std::string why = last.status == 0
                              ? last.transport_error
                              : fmt::format("HTTP {}: {}", last.status, server_message(last));
  throw Error(
      ExitCode::unavailable,
      fmt::format("{}: unavailable after {} attempts: {}", subject, policy.max_attempts, why),
      "check the network and the service's status, then run the same command again: it resumes");
}

std::string server_message(const HttpResponse& r)
{
  const auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (body.is_object() && body.contains("error")) {
    const auto& e = body["error"];
    if (e.is_object() && e.contains("message") && e["message"].is_string()) {
      const std::string status = e.value("status", "");
      return status.empty() ? e["message"].get<std::string>()
                            : status + ": " + e["message"].get<std::string>();
    }
    if (e.is_string()) {
      const std::string description = body.value("error_description", "");
      return description.empty() ? e.get<std::string>() : e.get<std::string>() + ": " + description;
    }
  }
  std::string text = r.body.substr(0, 300);
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text.empty() ? "empty response" : text;
}

std::string url_encode(const std::string& text)
{
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

} // namespace collproc::firestore
