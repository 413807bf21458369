#pragma once
// The openai engine (`--ai openai`): any OpenAI-compatible chat-completions
// endpoint answers the questions of generate-categories, extract-products
// (one request per page, several in flight) and identify-columns. Replies are
// validated against each question's JSON schema, retried once with the
// problem quoted, cached by (endpoint, model, prompt), and on failure either
// fail the phase or, with fallback heuristic, are answered by the embedded
// engine with the reason recorded.

#include "core/ai/openai_client.hpp"
#include "core/ai/provider.hpp"
#include "core/ai/reply_cache.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace collproc::ai {

enum class Fallback { none, heuristic };
enum class ResponseFormat { json_schema, instructions };

struct OpenAiSettings {
  openai::ClientConfig client;
  std::string model = "gpt-4o-mini";
  Fallback fallback = Fallback::none;
  bool cache = true;
  ResponseFormat format = ResponseFormat::json_schema;
};

// Reads $COLLPROC_LLM_BASE_URL, $COLLPROC_LLM_API_KEY (else $OPENAI_API_KEY),
// $COLLPROC_LLM_MODEL, $COLLPROC_LLM_TIMEOUT (seconds), $COLLPROC_LLM_FORMAT
// (json_schema or instructions), $COLLPROC_TEST_LLM_BACKOFF_MS (tests only),
// and the --ai-* options given as settings "fallback", "cache" and
// "concurrency". Throws Error(usage) naming a bad value.
OpenAiSettings openai_settings(const std::map<std::string, std::string>& options);

// What enters phase fingerprints: "openai/1|<endpoint>|<model>" (never the key).
std::string openai_fingerprint(const OpenAiSettings& settings);

// The engine. cache may be null (no caching); check_cancel throws
// collproc::Cancelled and is polled at least every 100 ms during requests.
// Throws Error(usage) when the endpoint is OpenAI's and no key is set.
std::unique_ptr<Provider> make_openai_provider(const OpenAiSettings& settings, ReplyCache* cache,
                                               std::function<void()> check_cancel);

} // namespace collproc::ai
