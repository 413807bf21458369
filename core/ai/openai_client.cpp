#include "core/ai/openai_client.hpp"

#include "core/util/error.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <deque>
#include <random>
#include <regex>

namespace collproc::ai::openai {

namespace {

int64_t now_ms()
{
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void global_init()
{
  // curl_global_init is not thread-safe; a function-local static runs it once.
  static const CURLcode k_init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (k_init != CURLE_OK) {
    throw Error(ExitCode::unavailable, "openai: libcurl could not initialise", "");
  }
}

std::string lower(std::string s)
{
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// One request body and its attempts.
struct Transfer {
  size_t index = 0;
  int attempts = 0;
  int64_t not_before_ms = 0;
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string response;
  int64_t retry_after_ms = -1;
  char errbuf[CURL_ERROR_SIZE] = {};
};

size_t on_body(char* data, size_t size, size_t count, void* user)
{
  static_cast<Transfer*>(user)->response.append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user)
{
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos && lower(line.substr(0, colon)) == "retry-after") {
    std::string value = line.substr(colon + 1);
    const auto b = value.find_first_not_of(" \t");
    const auto e = value.find_last_not_of(" \t\r\n");
    value = b == std::string::npos ? "" : value.substr(b, e - b + 1);
    static_cast<Transfer*>(user)->retry_after_ms = parse_retry_after(value, std::time(nullptr));
  }
  return size * count;
}

// The multi handle and the transfers attached to it; the destructor aborts
// whatever is still in flight (cancellation unwinds through here).
class Multi {
public:
  Multi() : m_multi(curl_multi_init())
  {
    if (m_multi == nullptr) {
      throw Error(ExitCode::unavailable, "openai: libcurl could not create a transfer", "");
    }
  }
  ~Multi()
  {
    for (Transfer* t : m_active) {
      detach(*t);
    }
    curl_multi_cleanup(m_multi);
  }
  Multi(const Multi&) = delete;
  Multi& operator=(const Multi&) = delete;

  CURLM* handle() { return m_multi; }
  size_t active() const { return m_active.size(); }
  void attach(Transfer& t)
  {
    curl_multi_add_handle(m_multi, t.easy);
    m_active.push_back(&t);
  }
  void detach(Transfer& t)
  {
    curl_multi_remove_handle(m_multi, t.easy);
    curl_easy_cleanup(t.easy);
    curl_slist_free_all(t.headers);
    t.easy = nullptr;
    t.headers = nullptr;
    m_active.erase(std::remove(m_active.begin(), m_active.end(), &t), m_active.end());
  }
  Transfer* find(CURL* easy)
  {
    for (Transfer* t : m_active) {
      if (t->easy == easy) {
        return t;
      }
    }
    return nullptr;
  }

private:
  CURLM* m_multi;
  std::vector<Transfer*> m_active;
};

bool retryable_status(long status)
{
  return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 ||
         status == 504;
}

bool retryable_curl(CURLcode code)
{
  switch (code) {
  case CURLE_OPERATION_TIMEDOUT:
  case CURLE_COULDNT_CONNECT:
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM:
    return true;
  default:
    return false;
  }
}

// "HTTP 429: rate limit reached", quoting the server's own error message
// (OpenAI's {"error": {"message": ...}}) bounded and without the key.
std::string http_problem(long status, const std::string& body, const std::string& key)
{
  std::string message;
  try {
    const auto j = nlohmann::json::parse(body);
    if (j.contains("error") && j["error"].is_object() && j["error"].contains("message") &&
        j["error"]["message"].is_string()) {
      message = j["error"]["message"].get<std::string>();
    } else if (j.contains("error") && j["error"].is_string()) {
      message = j["error"].get<std::string>();
    }
  } catch (const nlohmann::json::exception&) {
    message = body;
  }
  message = redact(message, key);
  std::replace_if(
      message.begin(), message.end(), [](unsigned char c) { return c < 0x20; }, ' ');
  if (message.size() > 200) {
    message = message.substr(0, 200) + "...";
  }
  return message.empty() ? fmt::format("HTTP {}", status)
                         : fmt::format("HTTP {}: {}", status, message);
}

void start(Multi& multi, Transfer& t, const ClientConfig& config, const std::string& url,
           const std::string& body)
{
  t.easy = curl_easy_init();
  if (t.easy == nullptr) {
    throw Error(ExitCode::unavailable, "openai: libcurl could not create a request", "");
  }
  t.response.clear();
  t.retry_after_ms = -1;
  t.errbuf[0] = '\0';
  ++t.attempts;
  t.headers = curl_slist_append(t.headers, "Content-Type: application/json");
  t.headers = curl_slist_append(t.headers, "Accept: application/json");
  if (!config.api_key.empty()) {
    t.headers = curl_slist_append(t.headers, ("Authorization: Bearer " + config.api_key).c_str());
  }
  curl_easy_setopt(t.easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(t.easy, CURLOPT_HTTPHEADER, t.headers);
  curl_easy_setopt(t.easy, CURLOPT_POST, 1L);
  curl_easy_setopt(t.easy, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(t.easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(t.easy, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(t.easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(t.easy, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(t.easy, CURLOPT_ERRORBUFFER, t.errbuf);
  curl_easy_setopt(t.easy, CURLOPT_TIMEOUT_MS, static_cast<long>(config.timeout_ms));
  curl_easy_setopt(t.easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::min<int64_t>(config.timeout_ms, 30'000)));
  curl_easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(t.easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(t.easy, CURLOPT_USERAGENT, "collproc/0.1");
  multi.attach(t);
}

} // namespace

std::string completions_url(const std::string& base_url)
{
  const auto q = base_url.find('?');
  std::string path = base_url.substr(0, q);
  while (!path.empty() && path.back() == '/') {
    path.pop_back();
  }
  return path + "/chat/completions" + (q == std::string::npos ? "" : base_url.substr(q));
}

std::string display_endpoint(const std::string& base_url)
{
  const auto scheme = base_url.find("://");
  const size_t host = scheme == std::string::npos ? 0 : scheme + 3;
  const auto slash = base_url.find('/', host);
  const auto at = base_url.rfind('@', slash == std::string::npos ? std::string::npos : slash);
  if (at == std::string::npos || at < host) {
    return base_url;
  }
  return base_url.substr(0, host) + base_url.substr(at + 1);
}

std::string redact(std::string text, const std::string& api_key)
{
  if (!api_key.empty()) {
    for (auto pos = text.find(api_key); pos != std::string::npos; pos = text.find(api_key, pos)) {
      text.replace(pos, api_key.size(), "[redacted]");
    }
  }
  // Servers echo keys partly masked ("sk-abc***xyz"); drop those too.
  static const std::regex k_secret(R"(sk-[A-Za-z0-9_*\-]{4,})");
  return std::regex_replace(text, k_secret, "[redacted]");
}

int64_t retry_delay_ms(const ClientConfig& config, int attempt, int64_t retry_after_ms,
                       double jitter)
{
  if (retry_after_ms >= 0) {
    return std::min(retry_after_ms, config.max_wait_ms);
  }
  const double full =
      static_cast<double>(config.backoff_base_ms) * std::pow(2.0, std::max(0, attempt - 1));
  const double capped = std::min(full, static_cast<double>(config.max_wait_ms));
  return static_cast<int64_t>(capped * (0.5 + 0.5 * std::clamp(jitter, 0.0, 1.0)));
}

int64_t parse_retry_after(const std::string& value, int64_t now_unix_seconds)
{
  if (value.empty()) {
    return -1;
  }
  if (std::all_of(value.begin(), value.end(),
                  [](unsigned char c) { return std::isdigit(c) || c == '.'; })) {
    try {
      return static_cast<int64_t>(std::stod(value) * 1000);
    } catch (const std::exception&) {
      return -1;
    }
  }
  // An HTTP date: "Wed, 21 Oct 2015 07:28:00 GMT".
  const time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) {
    return -1;
  }
  return std::max<int64_t>(0, (static_cast<int64_t>(when) - now_unix_seconds) * 1000);
}

std::vector<Reply> post_all(const ClientConfig& config, const std::vector<std::string>& bodies,
                            const std::function<void()>& check_cancel, const ReplyCallback& on_done)
{
  global_init();
  const std::string url = completions_url(config.base_url);
  std::vector<Reply> replies(bodies.size());
  std::vector<Transfer> transfers(bodies.size());
  std::deque<size_t> waiting;
  for (size_t i = 0; i < bodies.size(); ++i) {
    transfers[i].index = i;
    waiting.push_back(i);
  }
  std::mt19937 rng(std::random_device{}());
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  const size_t limit = static_cast<size_t>(std::max(1, config.concurrency));

  Multi multi;
  size_t finished = 0;
  while (finished < bodies.size()) {
    check_cancel();
    // Start what may start, in body order, so equal inputs go out in the
    // same order every run.
    const int64_t now = now_ms();
    for (auto it = waiting.begin(); it != waiting.end() && multi.active() < limit;) {
      Transfer& t = transfers[*it];
      if (t.not_before_ms <= now) {
        start(multi, t, config, url, bodies[t.index]);
        it = waiting.erase(it);
      } else {
        ++it;
      }
    }

    int running = 0;
    curl_multi_perform(multi.handle(), &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.handle(), &left)) {
      if (msg->msg != CURLMSG_DONE) {
        continue;
      }
      Transfer* t = multi.find(msg->easy_handle);
      if (t == nullptr) {
        continue;
      }
      const CURLcode code = msg->data.result;
      long status = 0;
      curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
      Reply& reply = replies[t->index];
      reply.attempts = t->attempts;
      reply.status = code == CURLE_OK ? status : 0;
      reply.body = code == CURLE_OK ? t->response : "";
      bool retry = false;
      if (code == CURLE_OK && status >= 200 && status < 300) {
        reply.outcome = Outcome::ok;
        reply.problem.clear();
      } else if (code == CURLE_OK) {
        reply.problem = http_problem(status, t->response, config.api_key);
        retry = retryable_status(status);
        reply.outcome = retry ? Outcome::unavailable : Outcome::rejected;
      } else {
        reply.problem =
            code == CURLE_OPERATION_TIMEDOUT
                ? fmt::format("no reply within {} s",
                              static_cast<double>(config.timeout_ms) / 1000.0)
                : redact(t->errbuf[0] != '\0' ? std::string(t->errbuf) : curl_easy_strerror(code),
                         config.api_key);
        retry = retryable_curl(code);
        reply.outcome = retry ? Outcome::unavailable : Outcome::rejected;
      }
      const int64_t retry_after = t->retry_after_ms;
      multi.detach(*t);
      if (retry && t->attempts < config.max_attempts) {
        t->not_before_ms = now_ms() + retry_delay_ms(config, t->attempts, retry_after, jitter(rng));
        waiting.push_back(t->index);
      } else {
        ++finished;
        if (on_done) {
          on_done(t->index, reply);
        }
      }
    }
    if (finished == bodies.size()) {
      break;
    }
    // Wait for traffic, a retry's time, or the next cancellation check,
    // whichever comes first; never longer than 100 ms.
    int64_t wait = 100;
    if (multi.active() == 0) {
      for (const size_t i : waiting) {
        wait = std::min(wait, std::max<int64_t>(0, transfers[i].not_before_ms - now_ms()));
      }
    }
    curl_multi_poll(multi.handle(), nullptr, 0, static_cast<int>(std::max<int64_t>(wait, 1)),
                    nullptr);
  }
  return replies;
}

} // namespace collproc::ai::openai
