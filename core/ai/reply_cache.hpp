#pragma once
// Where the openai engine keeps the replies it paid for, so that a resumed,
// retried or re-exported run asks nothing twice. The engine calls it from the
// thread that called the provider only (never from transfer callbacks); the
// state file's ai_cache table implements it (core/phases/engine.cpp).

#include <cstdint>
#include <optional>
#include <string>

namespace collproc::ai {

// One validated reply and what it cost when it was first asked.
struct CachedReply {
  std::string key;      // sha256 of endpoint and request body (prompt, schema, model)
  std::string endpoint; // base URL without credentials
  std::string model;
  std::string request;  // the request body as sent; it never holds the key
  std::string response; // the assistant's reply content (JSON text)
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
};

class ReplyCache {
public:
  virtual ~ReplyCache() = default;
  // The reply stored under key, or nullopt.
  virtual std::optional<CachedReply> find(const std::string& key) = 0;
  // Stores (or replaces) a reply; failures to write throw collproc::Error.
  virtual void store(const CachedReply& reply) = 0;
};

} // namespace collproc::ai
