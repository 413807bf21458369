#include "core/phases/phases.hpp"

#include "core/ai/openai_provider.hpp"
#include "core/phases/engine.hpp"
#include "core/runner/cancel.hpp"

#include <fmt/format.h>

namespace collproc::phases {

namespace {

// The openai engine's reply cache in the state file's ai_cache table. The
// engine calls it on the phase's own thread, which owns the connection.
class StateReplyCache final : public ai::ReplyCache {
public:
  explicit StateReplyCache(state::StateStore& store) : m_store(store) {}

  std::optional<ai::CachedReply> find(const std::string& key) override
  {
    const auto row = m_store.ai_reply(key);
    if (!row) {
      return std::nullopt;
    }
    return ai::CachedReply{row->cache_key,        row->endpoint, row->model,
                           row->request,          row->response, row->prompt_tokens,
                           row->completion_tokens};
  }

  void store(const ai::CachedReply& reply) override
  {
    m_store.put_ai_reply({reply.key, reply.endpoint, reply.model, reply.request, reply.response,
                          reply.prompt_tokens, reply.completion_tokens, ""});
  }

private:
  state::StateStore& m_store;
};

// Owns the cache next to the engine that uses it, so make_provider can hand
// out one object.
class OpenAiEngine final : public ai::Provider {
public:
  OpenAiEngine(const ai::OpenAiSettings& settings, state::StateStore& store) : m_cache(store)
  {
    // The runner's token is not reachable from here; the process-wide signal
    // flag it reads is (SIGINT, SIGTERM, and SIGUSR1 from `collproc cancel`).
    m_engine = ai::make_openai_provider(settings, &m_cache, [] {
      if (runner::pending_signal() != 0) {
        throw Cancelled();
      }
    });
  }
  std::string fingerprint() const override { return m_engine->fingerprint(); }
  std::vector<std::string> categories(const ai::CategoryRequest& r,
                                      const ai::UnitCallback& u) override
  {
    return m_engine->categories(r, u);
  }
  std::vector<model::Product> products(const ai::ProductRequest& r,
                                       const ai::UnitCallback& u) override
  {
    return m_engine->products(r, u);
  }
  model::ColumnMapping columns(const ai::ColumnRequest& r, const ai::UnitCallback& u) override
  {
    return m_engine->columns(r, u);
  }
  ai::Usage usage() const override { return m_engine->usage(); }

private:
  StateReplyCache m_cache;
  std::unique_ptr<ai::Provider> m_engine;
};

} // namespace

std::unique_ptr<ai::Provider> make_provider(const runner::RunOptions& options,
                                            state::StateStore& store)
{
  if (options.ai == "heuristic") {
    return ai::make_heuristic_provider();
  }
  if (options.ai == "openai") {
    return std::make_unique<OpenAiEngine>(ai::openai_settings(options.settings), store);
  }
  throw Error(ExitCode::usage, fmt::format("--ai {}: unknown engine", options.ai),
              "use --ai heuristic (the default) or --ai openai");
}

std::string engine_fingerprint(const runner::RunOptions& options)
{
  if (options.ai == "heuristic") {
    return ai::make_heuristic_provider()->fingerprint();
  }
  if (options.ai == "openai") {
    // Endpoint and model decide the answers; the key, the cache, the
    // concurrency and the fallback do not.
    return ai::openai_fingerprint(ai::openai_settings(options.settings));
  }
  std::string fp = options.ai;
  for (const auto& [key, value] : options.settings) {
    fp += "|" + key + "=" + value;
  }
  return fp;
}

void record_usage(runner::PhaseContext& ctx, const ai::Provider& engine)
{
  const ai::Usage usage = engine.usage();
  if (usage.requests == 0 && usage.cached == 0 && usage.fallbacks.empty()) {
    return;
  }
  ctx.count("ai_requests", usage.requests);
  ctx.count("ai_cached", usage.cached);
  ctx.count("prompt_tokens", usage.prompt_tokens);
  ctx.count("completion_tokens", usage.completion_tokens);
  if (!usage.fallbacks.empty()) {
    ctx.count("ai_fallbacks", static_cast<int64_t>(usage.fallbacks.size()));
  }
}

void rethrow_for(const runner::PhaseContext& ctx, const std::string& filename, int page,
                 const Error& error)
{
  std::string what = error.what();
  // Readers name the file first already; say it once.
  if (what.starts_with(filename + ": ")) {
    what.erase(0, filename.size() + 2);
  }
  const std::string where = page > 0 ? fmt::format("page {}: ", page) : "";
  throw Error(error.code(),
              fmt::format("{}: {}: {}: {}{}", ctx.collection, filename, ctx.info.name, where, what),
              error.hint());
}

} // namespace collproc::phases
