// collproc completion bash|zsh: shell completion generated from the command
// table itself (the CLI11 app every command registered on), so a new command
// or option completes without anyone editing a script.

#include "cli/globals.hpp"
#include "core/phases/phase_table.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace collproc::cli {

namespace {

// What may follow an option, or stand in a positional's place.
enum class Value { none, free, file, directory, choice, collection, phase, command };

struct Argument {
  std::vector<std::string> names; // "-q", "--quiet"; a positional's own name
  std::string description;
  Value value = Value::none;
  std::vector<std::string> choices;
  bool repeatable = false;
};

struct Command {
  std::string name;
  std::string description;
  std::vector<Argument> options;
  std::vector<Argument> positionals;
};

// "{auto,bar,plain}" in an option's type name (CLI::IsMember puts it there).
std::vector<std::string> choices_of(const std::string& type_name)
{
  std::vector<std::string> out;
  const auto open = type_name.find('{');
  const auto close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) {
    return out;
  }
  std::string word;
  for (const char c : type_name.substr(open + 1, close - open - 1)) {
    if (c == ',') {
      out.push_back(word);
      word.clear();
    } else if (c != ' ') {
      word += c;
    }
  }
  out.push_back(word);
  return out;
}

// Positionals complete by what their name says they hold; options by their
// type name (FILE, DIR, PATH, PHASE, or a set of choices).
Argument describe(const CLI::Option& opt)
{
  Argument a;
  a.description = opt.get_description();
  a.repeatable = opt.get_expected_max() > 1;
  const std::string type = opt.get_type_name();
  if (opt.get_positional()) {
    a.names = {opt.get_name()};
    const std::string& name = a.names.front();
    a.value = name == "COLLECTION" ? Value::collection
              : name == "NAME"     ? Value::phase
              : name == "COMMAND"  ? Value::command
                                   : Value::free;
  } else {
    for (const auto& s : opt.get_snames()) {
      a.names.push_back("-" + s);
    }
    for (const auto& l : opt.get_lnames()) {
      a.names.push_back("--" + l);
    }
    a.value = opt.get_expected_min() == 0 ? Value::none : Value::free;
  }
  if (a.value == Value::free) {
    a.choices = choices_of(type);
    a.value = !a.choices.empty()                        ? Value::choice
              : type.find("PHASE") != std::string::npos ? Value::phase
              : type.find("DIR") != std::string::npos   ? Value::directory
              : type.find("FILE") != std::string::npos  ? Value::file
              : type.find("PATH") != std::string::npos  ? Value::file
                                                        : Value::free;
  }
  return a;
}

Command describe(CLI::App& app)
{
  Command c;
  c.name = app.get_name();
  c.description = app.get_description();
  for (const CLI::Option* opt : app.get_options()) {
    (opt->get_positional() ? c.positionals : c.options).push_back(describe(*opt));
  }
  return c;
}

std::vector<Command> commands(CLI::App& app)
{
  std::vector<Command> out;
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    out.push_back(describe(*sub));
  }
  return out;
}

std::vector<std::string> phase_names()
{
  std::vector<std::string> out;
  for (const runner::Phase* phase : phases::all_phases()) {
    out.push_back(phase->info().name);
  }
  return out;
}

std::vector<std::string> command_names(const std::vector<Command>& all)
{
  std::vector<std::string> out;
  for (const auto& c : all) {
    out.push_back(c.name);
  }
  return out;
}

// The fixed words a value of this kind may be (choices, phase or command
// names); empty for kinds completed otherwise (files, collections, free).
std::vector<std::string> fixed_words(const Argument& a, const std::vector<Command>& all)
{
  switch (a.value) {
  case Value::choice:
    return a.choices;
  case Value::phase:
    return phase_names();
  case Value::command:
    return command_names(all);
  default:
    return {};
  }
}

// ---- bash ------------------------------------------------------------------

// The COMPREPLY line that completes a value of this kind.
std::string bash_values(const Argument& a, const std::vector<Command>& all)
{
  if (const auto words = fixed_words(a, all); !words.empty()) {
    return fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))", fmt::join(words, " "));
  }
  switch (a.value) {
  case Value::file:
    return "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))";
  case Value::directory:
    return "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))";
  case Value::collection:
    return "COMPREPLY=($(compgen -W \"$(_collproc_collections)\" -- \"$cur\"))";
  default:
    return "COMPREPLY=()";
  }
}

std::vector<std::string> option_names(const std::vector<Argument>& options, bool with_value)
{
  std::vector<std::string> out;
  for (const auto& o : options) {
    if (!with_value || o.value != Value::none) {
      out.insert(out.end(), o.names.begin(), o.names.end());
    }
  }
  return out;
}

std::string bash_script(CLI::App& app)
{
  const Command top = describe(app);
  const auto all = commands(app);
  std::vector<std::string> valued = option_names(top.options, true);
  for (const auto& c : all) {
    const auto more = option_names(c.options, true);
    valued.insert(valued.end(), more.begin(), more.end());
  }
  std::sort(valued.begin(), valued.end());
  valued.erase(std::unique(valued.begin(), valued.end()), valued.end());

  std::string values;  // "command/--option) ...;;" for what follows an option
  std::string options; // the options of each command
  std::string positionals;
  for (const auto& o : top.options) {
    if (o.value != Value::none) {
      values +=
          fmt::format("  */{}) {}; return ;;\n", fmt::join(o.names, "|*/"), bash_values(o, all));
    }
  }
  for (const auto& c : all) {
    for (const auto& o : c.options) {
      if (o.value != Value::none) {
        std::vector<std::string> patterns;
        for (const auto& n : o.names) {
          patterns.push_back(c.name + "/" + n);
        }
        values +=
            fmt::format("  {}) {}; return ;;\n", fmt::join(patterns, "|"), bash_values(o, all));
      }
    }
    options += fmt::format("    {}) words=\"{}\" ;;\n", c.name,
                           fmt::join(option_names(c.options, false), " "));
    std::string cases;
    for (std::size_t i = 0; i < c.positionals.size(); ++i) {
      cases += fmt::format(" {}) {} ;;", i, bash_values(c.positionals[i], all));
    }
    if (!cases.empty()) {
      positionals += fmt::format("  {}) case $positional in{} esac ;;\n", c.name, cases);
    }
  }
  return fmt::format(
      R"sh(# bash completion for collproc, generated by 'collproc completion bash'
# from the program's own command table. Install it as
# /usr/share/bash-completion/completions/collproc, or source it from ~/.bashrc.

# The collections of the state file the command line names (--state), else
# of $COLLPROC_STATE or ./collproc.db, as 'collproc status' lists them.
_collproc_collections() {{
  local state=() i
  for ((i = 1; i < ${{#COMP_WORDS[@]}}; i++)); do
    case ${{COMP_WORDS[i]}} in
      --state) state=(--state "${{COMP_WORDS[i + 1]}}") ;;
      --state=*) state=("${{COMP_WORDS[i]}}") ;;
    esac
  done
  "${{COMP_WORDS[0]}}" "${{state[@]}}" status 2>/dev/null | tail -n +2 | cut -d' ' -f1
}}

_collproc() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD - 1]}}
  local command="" positional=0 i words
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${{COMP_WORDS[i]}} in
      {}) ((i++)) ;;
      -*) ;;
      *) if [[ -z $command ]]; then command=${{COMP_WORDS[i]}}; else ((positional++)); fi ;;
    esac
  done
  COMPREPLY=()
  case "$command/$prev" in
{}  esac
  if [[ $cur == -* ]]; then
    words=""
    case $command in
{}    esac
    COMPREPLY=($(compgen -W "$words {}" -- "$cur"))
    return
  fi
  case $command in
  "") COMPREPLY=($(compgen -W "{}" -- "$cur")) ;;
{}  esac
}}
complete -F _collproc collproc
)sh",
      fmt::join(valued, "|"), values, options, fmt::join(option_names(top.options, false), " "),
      fmt::join(command_names(all), " "), positionals);
}

// ---- zsh -------------------------------------------------------------------

// Text inside a single-quoted _arguments spec: quotes closed and reopened,
// brackets and colons (which end a description) escaped.
std::string zsh_text(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[' || c == ']' || c == ':') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string zsh_action(const Argument& a, const std::vector<Command>& all)
{
  if (const auto words = fixed_words(a, all); !words.empty()) {
    return fmt::format("({})", fmt::join(words, " "));
  }
  switch (a.value) {
  case Value::file:
    return "_files";
  case Value::directory:
    return "_files -/";
  case Value::collection:
    return "_collproc_collections";
  default:
    return " ";
  }
}

std::string zsh_specs(const Command& c, const std::vector<Command>& all, const char* indent)
{
  std::string out;
  for (const auto& o : c.options) {
    for (const auto& name : o.names) {
      const std::string desc = zsh_text(o.description);
      if (o.value == Value::none) {
        out += fmt::format("{}'{}[{}]' \\\n", indent, name, desc);
      } else {
        out += fmt::format("{}'{}{}=[{}]:{}:{}' \\\n", indent, o.repeatable ? "*" : "", name, desc,
                           zsh_text(o.names.back().substr(2)), zsh_action(o, all));
      }
    }
  }
  for (std::size_t i = 0; i < c.positionals.size(); ++i) {
    const auto& p = c.positionals[i];
    out += fmt::format("{}'{}:{}:{}' \\\n", indent, i + 1, zsh_text(p.description),
                       zsh_action(p, all));
  }
  return out;
}

std::string zsh_script(CLI::App& app)
{
  const Command top = describe(app);
  const auto all = commands(app);
  std::string described;
  std::string cases;
  for (const auto& c : all) {
    described += fmt::format("    '{}:{}'\n", c.name, zsh_text(c.description));
    cases += fmt::format("        {})\n          _arguments \\\n{}            && ret=0 ;;\n",
                         c.name, zsh_specs(c, all, "            "));
  }
  return fmt::format(
      R"sh(#compdef collproc
# zsh completion for collproc, generated by 'collproc completion zsh' from the
# program's own command table. Install it as _collproc in a folder of $fpath
# (such as /usr/share/zsh/vendor-completions).

# The collections of the state file the command line names (--state), else
# of $COLLPROC_STATE or ./collproc.db, as 'collproc status' lists them.
_collproc_collections() {{
  local -a ids state
  local i
  for ((i = 1; i <= ${{#words}}; i++)); do
    [[ ${{words[i]}} == --state ]] && state=(--state ${{words[i + 1]}})
    [[ ${{words[i]}} == --state=* ]] && state=(${{words[i]}})
  done
  ids=(${{(f)"$(collproc $state status 2>/dev/null | tail -n +2 | cut -d' ' -f1)"}})
  _describe -t collections 'collection' ids
}}

_collproc() {{
  local curcontext=$curcontext state line ret=1
  typeset -A opt_args
  _arguments -C \
{}    '1:command:->command' \
    '*::argument:->argument' && ret=0
  case $state in
    command)
      local -a commands
      commands=(
{}      )
      _describe -t commands 'collproc command' commands && ret=0 ;;
    argument)
      curcontext=${{curcontext%:*:*}}:collproc-$words[1]:
      case $words[1] in
{}      esac ;;
  esac
  return ret
}}

_collproc "$@"
)sh",
      zsh_specs(top, all, "    "), described, cases);
}

} // namespace

void register_completion(CLI::App& app, Action& action)
{
  auto* cmd = app.add_subcommand(
      "completion", "Print a completion script for bash or zsh, made from collproc's own commands");
  auto shell = std::make_shared<std::string>();
  cmd->add_option("SHELL", *shell, "bash or zsh")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh"}));
  cmd->footer("Examples:\n"
              "  source <(collproc completion bash)            # this bash session\n"
              "  collproc completion zsh > ~/.zfunc/_collproc  # with ~/.zfunc in $fpath");
  cmd->callback([&app, &action, shell] {
    action = [&app, shell] {
      fmt::print("{}", *shell == "bash" ? bash_script(app) : zsh_script(app));
      return 0;
    };
  });
}

} // namespace collproc::cli
