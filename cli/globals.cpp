// The global options and the parse-and-run loop shared by both programs:
// collproc (front.cpp) and collproc-engine (main.cpp).

#include "cli/globals.hpp"
#include "core/runner/cancel.hpp"
#include "core/util/error.hpp"
#include "core/util/limits.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace collproc::cli {

std::filesystem::path state_path(const Globals& g)
{
  if (!g.state.empty()) {
    return g.state;
  }
  if (const char* env = std::getenv("COLLPROC_STATE"); env && *env) {
    return env;
  }
  return "collproc.db";
}

std::unique_ptr<state::StateStore> open_store(const Globals& g, state::StateStore::Open mode)
{
  return std::make_unique<state::StateStore>(state_path(g), mode);
}

runner::RunOptions run_options(const Globals& g)
{
  runner::RunOptions options;
  options.ai = g.ai;
  options.settings["fallback"] = g.ai_fallback;
  options.settings["cache"] = g.ai_cache;
  options.settings["concurrency"] = std::to_string(g.ai_concurrency);
  return options;
}

void print_error(const std::string& message, const std::string& hint)
{
  fmt::print(stderr, "collproc: error: {}\n", message);
  if (!hint.empty()) {
    fmt::print(stderr, "collproc: hint: {}\n", hint);
  }
}

state::JobKind parse_job(const std::string& name)
{
  if (const auto kind = state::job_kind_from_string(name)) {
    return *kind;
  }
  throw Error(ExitCode::usage, fmt::format("--job {}: unknown job", name),
              "use --job documents or --job items");
}

std::unique_ptr<CLI::App> make_app()
{
  auto app = std::make_unique<CLI::App>(

      "collproc turns a collection's linesheets (PDF) and purchase order (XLSX, CSV or PDF)\n"
      "into categories, structured products with their images, and order items.\n"
      "Work runs as two resumable jobs that checkpoint every phase into a SQLite state file:\n"
      "  collproc add ss26 --linesheet lookbook.pdf --po order.xlsx\n"
      "  collproc process ss26          # document processing, 6 phases\n"
      "  collproc generate-items ss26   # item generation, 7 steps\n"
      "  collproc export ss26 --out out/\n"
      "Exit codes: 0 ok, 1 job failed, 2 usage, 3 not found, 65 bad input document,\n"
      "69 remote service unavailable, 75 already running, 130 cancelled.\n"
      "See collproc(1) for everything else.",
      "collproc");
  app->set_version_flag("--version", "collproc 0.1.0");
  app->require_subcommand(1);
  app->fallthrough();
  return app;
}

void register_globals(CLI::App& app, Globals& g, util::Limits& limits)
{
  app.add_option("--state", g.state, "State file (default: $COLLPROC_STATE, else ./collproc.db)");
  app.add_flag("--json", g.json, "Machine-readable output on stdout");
  app.add_flag("-q,--quiet", g.quiet, "Print only errors");
  app.add_flag("-v,--verbose", g.verbose, "Say more (repeatable)");
  app.add_option("--progress", g.progress,
                 "Progress on stderr: auto (bar on a TTY, else plain), bar, plain, jsonl, none")
      ->check(CLI::IsMember({"auto", "bar", "plain", "jsonl", "none"}));
  app.add_option(
         "--ai", g.ai,
         "Engine for categories, products and PO columns: heuristic (default, offline) or openai")
      ->check(CLI::IsMember({"heuristic", "openai"}))
      ->envname("COLLPROC_AI");
  app.add_option(
         "--ai-fallback", g.ai_fallback,
         "When --ai openai fails or replies invalidly: none (fail the phase, default) or heuristic")
      ->check(CLI::IsMember({"none", "heuristic"}));
  app.add_option("--ai-cache", g.ai_cache,
                 "Reuse --ai openai replies stored in the state file: on (default) or off")
      ->check(CLI::IsMember({"on", "off"}));
  app.add_option("--ai-concurrency", g.ai_concurrency,
                 "Requests --ai openai keeps in flight at once (default 4)")
      ->check(CLI::Range(1, 64));

  const char* limits_group = "Limits on untrusted documents";
  app.add_option("--max-pages", limits.max_pages,
                 "Refuse a PDF with more pages than this (default 5000)")
      ->check(CLI::PositiveNumber)
      ->envname("COLLPROC_MAX_PAGES")
      ->group(limits_group);
  app.add_option("--max-image-pixels", limits.max_image_pixels,
                 "Leave out images larger than this many pixels (default 100000000)")
      ->check(CLI::PositiveNumber)
      ->envname("COLLPROC_MAX_IMAGE_PIXELS")
      ->group(limits_group);
  app.add_option("--page-timeout", limits.page_seconds,
                 "Seconds one PDF page may take before its document fails (default 60)")
      ->check(CLI::PositiveNumber)
      ->envname("COLLPROC_PAGE_TIMEOUT")
      ->group(limits_group);
  app.add_option("--document-timeout", limits.document_seconds,
                 "Seconds reading one PDF may take before it fails (default 900)")
      ->check(CLI::PositiveNumber)
      ->envname("COLLPROC_DOCUMENT_TIMEOUT")
      ->group(limits_group);
  app.add_option("--worker-memory", limits.worker_memory_mb,
                 "MB of address space for each process that parses a PDF (default 2048)")
      ->check(CLI::Range(64, 1 << 20))
      ->envname("COLLPROC_WORKER_MEMORY")
      ->group(limits_group);
  app.add_option("--max-cell-bytes", limits.max_cell_bytes,
                 "Cut spreadsheet and CSV cells longer than this, in bytes (default 4096)")
      ->check(CLI::Range(16, 64 << 20))
      ->envname("COLLPROC_MAX_CELL_BYTES")
      ->group(limits_group);
}

int parse_and_run(CLI::App& app, const util::Limits& limits, const Action& action, int argc,
                  char** argv)
{
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::usage);
  }
  util::set_limits(limits);

  try {
    runner::install_signal_handlers();
    return action ? action() : 0;
  } catch (const Error& e) {
    print_error(e.what(), e.hint());
    return static_cast<int>(e.code());
  } catch (const Cancelled&) {
    print_error("cancelled", "");
    return static_cast<int>(ExitCode::cancelled);
  } catch (const std::exception& e) {
    print_error(
        e.what(),
        "this is a bug in collproc if it repeats; please report it with the command you ran");
    return static_cast<int>(ExitCode::job_failed);
  }
}

} // namespace collproc::cli
