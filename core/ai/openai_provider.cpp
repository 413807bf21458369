#include "core/ai/openai_provider.hpp"

#include "core/ai/heuristic_categories.hpp"
#include "core/ai/heuristic_products.hpp"
#include "core/ai/json_schema.hpp"
#include "core/ai/openai_prompts.hpp"
#include "core/po/columns.hpp"
#include "core/util/error.hpp"
#include "core/util/hash.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <optional>

namespace collproc::ai {

namespace {

using nlohmann::json;
using openai::Outcome;
using openai::Question;
using openai::Reply;

std::string env(const char* name)
{
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

int64_t positive(const std::string& what, const std::string& value, double scale)
{
  try {
    size_t used = 0;
    const double d = std::stod(value, &used);
    if (used == value.size() && d > 0) {
      return static_cast<int64_t>(d * scale);
    }
  } catch (const std::exception&) {
  }
  throw Error(ExitCode::usage, fmt::format("{} {}: not a positive number", what, value), "");
}

// What the model said and what it cost, read from a chat-completions body.
struct Parsed {
  std::optional<json> answer; // valid: passed the schema and the check
  std::string content;        // the assistant's text, quoted back on retry
  std::string problem;        // why it is not valid
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
};

std::string strip_fences(const std::string& text)
{
  // Some servers wrap JSON in a Markdown code fence despite being told not to.
  const auto open = text.find("```");
  if (open == std::string::npos) {
    return text;
  }
  const auto line = text.find('\n', open);
  const auto close = text.rfind("```");
  if (line == std::string::npos || close <= line) {
    return text;
  }
  return text.substr(line + 1, close - line - 1);
}

// Validates reply content (the JSON text the model wrote) for a question.
void validate(const Question& q, const std::string& content, Parsed& out)
{
  out.content = content;
  json answer;
  try {
    answer = json::parse(strip_fences(content));
  } catch (const json::parse_error& e) {
    out.problem = fmt::format("the reply is not JSON (at byte {})", e.byte);
    return;
  }
  if (auto problem = schema_violation(answer, q.schema)) {
    out.problem = *problem;
    return;
  }
  if (auto problem = q.check(answer)) {
    out.problem = *problem;
    return;
  }
  out.answer = std::move(answer);
}

Parsed parse_completion(const Question& q, const std::string& body)
{
  Parsed out;
  json j;
  try {
    j = json::parse(body);
  } catch (const json::parse_error& e) {
    out.problem = fmt::format("the server's response is not JSON (at byte {})", e.byte);
    return out;
  }
  if (j.contains("usage") && j["usage"].is_object()) {
    out.prompt_tokens = j["usage"].value("prompt_tokens", int64_t{0});
    out.completion_tokens = j["usage"].value("completion_tokens", int64_t{0});
  }
  if (!j.contains("choices") || !j["choices"].is_array() || j["choices"].empty() ||
      !j["choices"][0].contains("message") || !j["choices"][0]["message"].is_object()) {
    out.problem = "the response has no choices[0].message";
    return out;
  }
  const json& choice = j["choices"][0];
  const json& message = choice["message"];
  if (message.contains("refusal") && message["refusal"].is_string()) {
    out.problem = "the model refused: " + message["refusal"].get<std::string>().substr(0, 200);
    return out;
  }
  if (choice.contains("finish_reason") && choice["finish_reason"] == "length") {
    out.problem = "the reply was cut off at the model's token limit";
    return out;
  }
  if (!message.contains("content") || !message["content"].is_string()) {
    out.problem = "the reply has no text content";
    return out;
  }
  validate(q, message["content"].get<std::string>(), out);
  return out;
}

class OpenAiProvider final : public Provider {
public:
  OpenAiProvider(const OpenAiSettings& settings, ReplyCache* cache,
                 std::function<void()> check_cancel)
      : m_settings(settings), m_cache(settings.cache ? cache : nullptr),
        m_check_cancel(std::move(check_cancel)),
        m_endpoint(openai::display_endpoint(settings.client.base_url))
  {
  }

  std::string fingerprint() const override { return openai_fingerprint(m_settings); }

  Usage usage() const override { return m_usage; }

  std::vector<std::string> categories(const CategoryRequest& request,
                                      const UnitCallback& on_unit) override
  {
    try {
      const auto answers = ask({openai::categories_question(request)}, [](size_t) {});
      for (const auto& sheet : request.linesheets) {
        for (size_t i = 0; i < sheet.pages.size(); ++i) {
          on_unit();
        }
      }
      return openai::read_categories(answers[0]);
    } catch (const Error& e) {
      if (m_settings.fallback == Fallback::none) {
        throw;
      }
      m_usage.fallbacks.push_back(fmt::format("categories: {}", e.what()));
      return heuristic::categories(request, on_unit);
    }
  }

  std::vector<model::Product> products(const ProductRequest& request,
                                       const UnitCallback& on_unit) override
  {
    std::vector<int> pages;
    const auto questions = openai::product_questions(request, pages);
    // Pages without words ask nothing; they still count as done units.
    for (size_t i = questions.size(); i < request.pages.size(); ++i) {
      on_unit();
    }
    std::vector<json> answers;
    try {
      answers = ask(questions, [&](size_t) { on_unit(); });
    } catch (const Error& e) {
      if (m_settings.fallback == Fallback::none) {
        throw;
      }
      m_usage.fallbacks.push_back(fmt::format("products: {}", e.what()));
      // The heuristic reads sections across pages, so it answers for the
      // whole linesheet; progress was already counted per page.
      return heuristic::products(request, [this] { m_check_cancel(); });
    }
    const std::string currency = heuristic::document_currency(request.pages);
    std::vector<model::Product> products;
    for (size_t i = 0; i < answers.size(); ++i) {
      for (auto& p : openai::read_products(answers[i], pages[i], currency)) {
        products.push_back(std::move(p));
      }
    }
    return products;
  }

  model::ColumnMapping columns(const ColumnRequest& request, const UnitCallback& on_unit) override
  {
    try {
      const auto answers = ask({openai::columns_question(request)}, [](size_t) {});
      on_unit();
      return openai::read_columns(answers[0], request.table, "openai:" + m_settings.model);
    } catch (const Error& e) {
      if (m_settings.fallback == Fallback::none) {
        throw;
      }
      m_usage.fallbacks.push_back(fmt::format("columns: {}", e.what()));
      on_unit();
      auto mapping = po::identify_columns(request.table);
      mapping.engine =
          fmt::format("heuristic (fallback from openai:{}: {})", m_settings.model, e.what());
      return mapping;
    }
  }

private:
  // The request body; retry_messages follow the question's when a reply is
  // being corrected.
  std::string body(const Question& q, const json& retry_messages) const
  {
    json messages = json::array(
        {{{"role", "system"}, {"content", q.system}}, {{"role", "user"}, {"content", q.user}}});
    for (const auto& m : retry_messages) {
      messages.push_back(m);
    }
    json b = {
        {"model", m_settings.model}, {"messages", messages}, {"temperature", 0}, {"stream", false}};
    if (m_format == ResponseFormat::json_schema) {
      b["response_format"] = {
          {"type", "json_schema"},
          {"json_schema", {{"name", q.name}, {"strict", true}, {"schema", q.schema}}}};
    }
    return b.dump();
  }

  // The cache key: endpoint, model and prompt (instructions, material,
  // schema). Not the request format, so a server that made us drop
  // response_format still finds its replies.
  std::string key_of(const Question& q) const
  {
    util::Sha256 h;
    return h.add(m_endpoint)
        .add(m_settings.model)
        .add(q.system)
        .add(q.user)
        .add(q.schema.dump())
        .hex();
  }

  Error failure(const Question& q, const Reply& reply) const
  {
    const std::string what =
        fmt::format("openai: {}: {}: {}{}", m_endpoint, q.subject, reply.problem,
                    reply.attempts > 1 ? fmt::format(" (after {} attempts)", reply.attempts) : "");
    if (reply.outcome == Outcome::unavailable) {
      return Error(ExitCode::unavailable, what,
                   "the service did not answer; run 'collproc retry COLLECTION' later, or add "
                   "--ai-fallback heuristic");
    }
    return Error(ExitCode::job_failed, what,
                 "check COLLPROC_LLM_BASE_URL, COLLPROC_LLM_MODEL and the API key, or add "
                 "--ai-fallback heuristic");
  }

  Error invalid(const Question& q, const std::string& problem) const
  {
    return Error(ExitCode::job_failed,
                 fmt::format("openai: {}: the model's reply is invalid after a retry: {}",
                             q.subject, problem),
                 "try another model (COLLPROC_LLM_MODEL), or add --ai-fallback heuristic to use "
                 "the embedded engine");
  }

  // A request rejected because the server does not know response_format:
  // such servers get the schema in the instructions only.
  bool format_unsupported(const Reply& reply) const
  {
    return m_format == ResponseFormat::json_schema && reply.outcome == Outcome::rejected &&
           (reply.status == 400 || reply.status == 422) &&
           (reply.problem.find("response_format") != std::string::npos ||
            reply.problem.find("json_schema") != std::string::npos);
  }

  // Asks every question (in parallel, cache first) and returns the valid
  // answers in question order; answered(i) runs on this thread as each one
  // is ready. Valid answers are cached as they arrive, so a failure or a
  // cancellation keeps what was already paid for.
  std::vector<json> ask(const std::vector<Question>& questions,
                        const std::function<void(size_t)>& answered)
  {
    const size_t n = questions.size();
    std::vector<std::optional<json>> answers(n);
    std::vector<std::string> bodies(n), keys(n);
    std::vector<size_t> pending;
    for (size_t i = 0; i < n; ++i) {
      m_check_cancel();
      bodies[i] = body(questions[i], json::array());
      keys[i] = key_of(questions[i]);
      if (m_cache != nullptr) {
        if (const auto hit = m_cache->find(keys[i])) {
          Parsed parsed;
          validate(questions[i], hit->response, parsed);
          if (parsed.answer) {
            answers[i] = std::move(parsed.answer);
            ++m_usage.cached;
            answered(i);
            continue;
          }
        }
      }
      pending.push_back(i);
    }
    if (pending.empty()) {
      return collect(answers);
    }

    // First round, then one corrective round for invalid replies.
    std::vector<Parsed> first(n);
    std::optional<Error> failed;
    std::vector<size_t> to_fix;
    const auto take = [&](size_t i, Parsed parsed, int64_t earlier_prompt,
                          int64_t earlier_completion) {
      if (parsed.answer) {
        store(bodies[i], keys[i], parsed, earlier_prompt, earlier_completion);
        answers[i] = std::move(parsed.answer);
        answered(i);
      }
    };
    send(
        pending, [&](size_t i) { return bodies[i]; },
        [&](size_t i, const Reply& reply) {
          if (reply.outcome != Outcome::ok) {
            if (!failed) {
              failed = failure(questions[i], reply);
            }
            return;
          }
          first[i] = parse_completion(questions[i], reply.body);
          if (first[i].answer) {
            take(i, std::move(first[i]), 0, 0);
          } else {
            to_fix.push_back(i);
          }
        },
        questions, bodies);
    if (failed) {
      throw *failed;
    }
    if (!to_fix.empty()) {
      std::sort(to_fix.begin(), to_fix.end());
      send(
          to_fix,
          [&](size_t i) {
            json retry = json::array();
            if (!first[i].content.empty()) {
              retry.push_back({{"role", "assistant"}, {"content", first[i].content}});
              retry.push_back(
                  {{"role", "user"},
                   {"content",
                    fmt::format("That reply is invalid: {}. Reply again with only the corrected "
                                "JSON object, matching the schema.",
                                first[i].problem)}});
            }
            return body(questions[i], retry);
          },
          [&](size_t i, const Reply& reply) {
            if (reply.outcome != Outcome::ok) {
              if (!failed) {
                failed = failure(questions[i], reply);
              }
              return;
            }
            Parsed second = parse_completion(questions[i], reply.body);
            if (second.answer) {
              take(i, std::move(second), first[i].prompt_tokens, first[i].completion_tokens);
            } else if (!failed) {
              failed = invalid(questions[i], second.problem);
            }
          },
          questions, bodies);
      if (failed) {
        throw *failed;
      }
    }
    return collect(answers);
  }

  // Posts make_body(i) for each i in which; a server that rejects
  // response_format gets the same questions again with instructions only.
  void send(const std::vector<size_t>& which, const std::function<std::string(size_t)>& make_body,
            const std::function<void(size_t, const Reply&)>& on_reply,
            const std::vector<Question>& questions, std::vector<std::string>& bodies)
  {
    std::vector<std::string> out;
    for (const size_t i : which) {
      out.push_back(make_body(i));
    }
    bool downgraded = false;
    std::vector<size_t> again;
    openai::post_all(m_settings.client, out, m_check_cancel, [&](size_t k, const Reply& reply) {
      if (reply.outcome == Outcome::ok) {
        ++m_usage.requests;
        try {
          const auto usage = json::parse(reply.body).at("usage");
          m_usage.prompt_tokens += usage.value("prompt_tokens", int64_t{0});
          m_usage.completion_tokens += usage.value("completion_tokens", int64_t{0});
        } catch (const json::exception&) {
          // No usage reported (or no JSON at all): nothing to count.
        }
      }
      if (format_unsupported(reply)) {
        downgraded = true;
        again.push_back(which[k]);
        return;
      }
      on_reply(which[k], reply);
    });
    if (downgraded) {
      m_format = ResponseFormat::instructions;
      std::sort(again.begin(), again.end());
      for (const size_t i : again) {
        bodies[i] = body(questions[i], json::array());
      }
      send(again, make_body, on_reply, questions, bodies);
    }
  }

  void store(const std::string& request_body, const std::string& key, const Parsed& parsed,
             int64_t earlier_prompt, int64_t earlier_completion)
  {
    if (m_cache == nullptr) {
      return;
    }
    m_cache->store({key, m_endpoint, m_settings.model, request_body, parsed.content,
                    parsed.prompt_tokens + earlier_prompt,
                    parsed.completion_tokens + earlier_completion});
  }

  static std::vector<json> collect(std::vector<std::optional<json>>& answers)
  {
    std::vector<json> out;
    for (auto& a : answers) {
      out.push_back(std::move(*a));
    }
    return out;
  }

  OpenAiSettings m_settings;
  ReplyCache* m_cache;
  std::function<void()> m_check_cancel;
  std::string m_endpoint;
  ResponseFormat m_format = m_settings.format;
  Usage m_usage;
};

} // namespace

OpenAiSettings openai_settings(const std::map<std::string, std::string>& options)
{
  OpenAiSettings s;
  if (const auto url = env("COLLPROC_LLM_BASE_URL"); !url.empty()) {
    s.client.base_url = url;
  }
  s.client.api_key = env("COLLPROC_LLM_API_KEY");
  if (s.client.api_key.empty()) {
    s.client.api_key = env("OPENAI_API_KEY");
  }
  if (const auto model = env("COLLPROC_LLM_MODEL"); !model.empty()) {
    s.model = model;
  }
  if (const auto t = env("COLLPROC_LLM_TIMEOUT"); !t.empty()) {
    s.client.timeout_ms = positive("COLLPROC_LLM_TIMEOUT", t, 1000.0);
  }
  if (const auto f = env("COLLPROC_LLM_FORMAT"); !f.empty()) {
    if (f != "json_schema" && f != "instructions") {
      throw Error(ExitCode::usage, fmt::format("COLLPROC_LLM_FORMAT {}: unknown format", f),
                  "use json_schema (the default) or instructions");
    }
    s.format = f == "json_schema" ? ResponseFormat::json_schema : ResponseFormat::instructions;
  }
  if (const auto b = env("COLLPROC_TEST_LLM_BACKOFF_MS"); !b.empty()) {
    s.client.backoff_base_ms = positive("COLLPROC_TEST_LLM_BACKOFF_MS", b, 1.0);
  }
  if (const auto it = options.find("fallback"); it != options.end()) {
    if (it->second != "none" && it->second != "heuristic") {
      throw Error(ExitCode::usage, fmt::format("--ai-fallback {}: unknown fallback", it->second),
                  "use --ai-fallback none (the default) or heuristic");
    }
    s.fallback = it->second == "heuristic" ? Fallback::heuristic : Fallback::none;
  }
  if (const auto it = options.find("cache"); it != options.end()) {
    if (it->second != "on" && it->second != "off") {
      throw Error(ExitCode::usage, fmt::format("--ai-cache {}: expected on or off", it->second),
                  "");
    }
    s.cache = it->second == "on";
  }
  if (const auto it = options.find("concurrency"); it != options.end()) {
    s.client.concurrency = static_cast<int>(positive("--ai-concurrency", it->second, 1.0));
  }
  return s;
}

std::string openai_fingerprint(const OpenAiSettings& settings)
{
  return fmt::format("openai/1|{}|{}", openai::display_endpoint(settings.client.base_url),
                     settings.model);
}

std::unique_ptr<Provider> make_openai_provider(const OpenAiSettings& settings, ReplyCache* cache,
                                               std::function<void()> check_cancel)
{
  if (settings.client.api_key.empty() &&
      settings.client.base_url.find("api.openai.com") != std::string::npos) {
    throw Error(ExitCode::usage, "--ai openai: no API key for api.openai.com",
                "set COLLPROC_LLM_API_KEY or OPENAI_API_KEY, or point COLLPROC_LLM_BASE_URL at "
                "another server");
  }
  return std::make_unique<OpenAiProvider>(settings, cache, std::move(check_cancel));
}

} // namespace collproc::ai
