#include "core/phases/phases.hpp"

#include <fmt/format.h>

namespace collproc::phases {

std::unique_ptr<ai::Provider> make_provider(const runner::RunOptions& options, state::StateStore& /*store*/)
{
  if (options.ai == "heuristic") {
    return ai::make_heuristic_provider();
  }
  throw Error(ExitCode::usage, fmt::format("--ai {}: unknown engine", options.ai),
              "use --ai heuristic (the default) or --ai openai");
}

std::string engine_fingerprint(const runner::RunOptions& options)
{
  if (options.ai == "heuristic") {
    return ai::make_heuristic_provider()->fingerprint();
  }
  std::string fp = options.ai;
  for (const auto& [key, value] : options.settings) {
    fp += "|" + key + "=" + value;
  }
  return fp;
}

void rethrow_for(const runner::PhaseContext& ctx, const std::string& filename, int page, const Error& error)
{
  std::string what = error.what();
  // Readers name the file first already; say it once.
  if (what.starts_with(filename + ": ")) {
    what.erase(0, filename.size() + 2);
  }
  const std::string where = page > 0 ? fmt::format("page {}: ", page) : "";
  throw Error(error.code(), fmt::format("{}: {}: {}: {}{}", ctx.collection, filename, ctx.info.name, where, what),
              error.hint());
}

} // namespace collproc::phases
