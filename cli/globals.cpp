// The global options and the parse-and-run loop shared by both programs:
// collproc (front.cpp) and collproc-engine (main.cpp).

#include "cli/globals.hpp"
#include "cli/terminal.hpp"
#include "core/runner/cancel.hpp"
#include "core/util/error.hpp"
#include "core/util/limits.hpp"
#include "core/util/suggest.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
#include <system_error>
#include <vector>

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
  // Messages name files and quote documents: escaped, so that a control
  // character in a file name cannot rewrite the terminal.
  fmt::print(stderr, "collproc: error: {}\n", printable(message, true));
  if (!hint.empty()) {
    fmt::print(stderr, "collproc: hint: {}\n", printable(hint, true));
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
  app.add_option("--state", g.state, "State file (default: $COLLPROC_STATE, else ./collproc.db)")
      ->type_name("PATH");
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

namespace {

constexpr const char* k_bug_hint =
    "this is a bug in collproc if it repeats; please report it with the command you ran";

// Standard output could not be written. A reader that stopped reading
// (`collproc export | head`) ends the program as SIGPIPE ends any filter,
// silently; which the runner's ignoring SIGPIPE (for sockets) would
// otherwise turn into an error. Anything else (a full disk) is an error.
int stdout_failed(int error)
{
  if (error == EPIPE) {
    std::signal(SIGPIPE, SIG_DFL);
    ::raise(SIGPIPE);
    return 128 + SIGPIPE;
  }
  print_error(fmt::format("cannot write to standard output: {}", std::strerror(error)),
              "check that the file or device standard output goes to has room and is writable");
  return static_cast<int>(ExitCode::job_failed);
}

} // namespace

std::string command_word(CLI::App& app, int argc, char** argv)
{
  for (int i = 1; i < argc; ++i) {
    const std::string_view word = argv[i];
    if (word == "--") {
      return {};
    }
    if (!word.starts_with("-")) {
      return std::string(word);
    }
    if (word.find('=') != std::string_view::npos) {
      continue;
    }
    if (const CLI::Option* opt = app.get_option_no_throw(std::string(word));
        opt != nullptr && opt->get_expected_min() > 0) {
      ++i; // its value
    }
  }
  return {};
}

namespace {

CLI::App* find_command(CLI::App& app, const std::string& name)
{
  const auto found = app.get_subcommands([&](CLI::App* sub) { return sub->check_name(name); });
  return found.empty() ? nullptr : found.front();
}

// A usage error for a word that names no command, with the nearest command
// when the word looks like a typo of it.
Error unknown_command(CLI::App& app, const std::string& word)
{
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  const std::string best = util::closest_match(word, names);
  return Error(ExitCode::usage, fmt::format("'{}' is not a collproc command", word),
               best.empty() ? "'collproc --help' lists the commands"
                            : fmt::format("did you mean 'collproc {}'? ('collproc --help' lists "
                                          "the commands)",
                                          best));
}

} // namespace

void register_help(CLI::App& app, Action& action)
{
  auto* cmd = app.add_subcommand("help", "Print the help of collproc, or of one command: "
                                         "collproc help process");
  auto command = std::make_shared<std::string>();
  cmd->add_option("COMMAND", *command, "The command whose help to print");
  cmd->callback([&app, &action, command] {
    action = [&app, command] {
      if (command->empty()) {
        // app.help() would print the help of the command given, `help` itself.
        fmt::print("{}", app.get_formatter()->make_help(&app, "", CLI::AppFormatMode::Normal));
        return 0;
      }
      CLI::App* sub = find_command(app, *command);
      if (sub == nullptr) {
        throw unknown_command(app, *command);
      }
      fmt::print("{}", sub->help());
      return 0;
    };
  });
}

int parse_and_run(CLI::App& app, const util::Limits& limits, const Action& action, int argc,
                  char** argv)
{
  try {
    if (const std::string word = command_word(app, argc, argv);
        !word.empty() && find_command(app, word) == nullptr) {
      throw unknown_command(app, word);
    }
    app.parse(argc, argv);
  } catch (const Error& e) {
    print_error(e.what(), e.hint());
    return static_cast<int>(e.code());
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitCode::usage);
  }
  util::set_limits(limits);

  try {
    runner::install_signal_handlers();
    const int code = action ? action() : 0;
    // Buffered output reaches stdout's file only now: a full disk or a
    // reader that has gone away shows here, not at the print.
    if (std::fflush(stdout) != 0) {
      return stdout_failed(errno);
    }
    return code;
  } catch (const std::system_error& e) {
    if (std::ferror(stdout)) { // fmt::print(stdout) failed
      return stdout_failed(e.code().value());
    }
    print_error(e.what(), k_bug_hint);
    return static_cast<int>(ExitCode::job_failed);
  } catch (const Error& e) {
    print_error(e.what(), e.hint());
    return static_cast<int>(e.code());
  } catch (const Cancelled&) {
    print_error("cancelled", "");
    return static_cast<int>(ExitCode::cancelled);
  } catch (const std::exception& e) {
    print_error(e.what(), k_bug_hint);
    return static_cast<int>(ExitCode::job_failed);
  }
}

} // namespace collproc::cli
