// stride(1) and the bash, zsh and fish completions, generated from the CLI11
// tree (see cli/manual.hpp). Each output is a table read off the tree plus a
// fixed driver; the only hand-kept parts are below: the man page sections no
// option owns, and which option names take a path, a date or a surface.
#include "cli/manual.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "cli/build_info.hpp"
#include "cli/exit_code.hpp"
#include "engine/activity.hpp"

namespace stride::cli {
namespace {

// ---- the table read off the tree ---------------------------------------------

enum class ValueKind { none, words, path };

/// What a shell offers after an option (or for a positional).
struct Values {
  ValueKind kind = ValueKind::none;
  std::vector<std::string> words;
};

struct Opt {
  std::vector<std::string> names;  ///< `-q`, `--quiet`; empty for a positional
  std::string positional;          ///< `PATH`, `file`, `ID`
  std::string description;
  std::string type;  ///< CLI11's type name (`TEXT`, `TEXT:{km,mi}`); empty for a flag
  bool takes_value = false;
  bool required = false;
  bool repeats = false;
  Values values;
};

struct Node {
  std::vector<std::string> path;  ///< {"log", "pain"}; empty for stride itself
  std::string description;
  std::string footer;  ///< only when it differs from the parent's
  std::vector<Opt> options;
  std::vector<Opt> positionals;
  std::vector<std::size_t> children;  ///< indices into the node list
};

/// The names of every value of an engine enum, in its order: to_string until
/// it answers "?", so a value appended to the enum is picked up.
template <typename E>
std::vector<std::string> enum_names() {
  std::vector<std::string> names;
  for (int i = 0; i < 64; ++i) {
    const std::string_view name = engine::to_string(static_cast<E>(i));
    if (name == "?") break;
    names.emplace_back(name);
  }
  return names;
}

/// What to complete for an option. The tree says it for `IsMember` checks
/// (`--units`, `--fail-on`) and CLI11's FILE/DIR/PATH checks; the rest goes by
/// the option's name, so a new `--surface`, `--date` or `--out` option of any
/// command completes the same way.
Values values_of(const CLI::Option& o) {
  const std::string type = o.get_type_name();
  if (const auto open = type.find('{'); open != std::string::npos) {
    const auto close = type.find('}', open);
    Values v{ValueKind::words, {}};
    std::string word;
    for (char c : type.substr(open + 1, close - open - 1)) {
      if (c == ',') {
        v.words.push_back(word);
        word.clear();
      } else if (c != ' ') {
        word += c;
      }
    }
    if (!word.empty()) v.words.push_back(word);
    return v;
  }
  static const std::set<std::string> kPathNames = {"db",  "profile", "out",  "html",
                                                   "csv", "ics",     "PATH", "file"};
  static const std::set<std::string> kDateNames = {"date", "since", "until", "start", "race-date"};
  const std::string& name = o.get_single_name();
  if (kPathNames.count(name) != 0 || type.find("FILE") != std::string::npos ||
      type.find("DIR") != std::string::npos || type.find("PATH") != std::string::npos)
    return {ValueKind::path, {}};
  if (name == "site") return {ValueKind::words, enum_names<engine::PainSite>()};
  if (name == "surface") return {ValueKind::words, enum_names<engine::Surface>()};
  if (name == "sport") return {ValueKind::words, enum_names<engine::Sport>()};
  if (kDateNames.count(name) != 0)
    return {ValueKind::words,
            {"today", "tomorrow", "yesterday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}};
  return {};
}

Opt opt_of(const CLI::Option& o) {
  Opt opt;
  for (const auto& s : o.get_snames()) opt.names.push_back("-" + s);
  for (const auto& l : o.get_lnames()) opt.names.push_back("--" + l);
  if (opt.names.empty()) opt.positional = o.get_name(true);
  opt.description = o.get_description();
  opt.takes_value = o.get_expected_max() != 0;  // a flag expects no value
  if (opt.takes_value) opt.type = o.get_type_name();
  opt.required = o.get_required();
  opt.repeats = o.get_items_expected_max() > 1;
  opt.values = values_of(o);
  return opt;
}

bool visible(const std::string& group) { return !group.empty(); }

void walk(const CLI::App& app, std::vector<std::string> path, const std::string& parent_footer,
          std::vector<Node>& nodes) {
  const std::size_t index = nodes.size();
  nodes.push_back({});
  {
    Node& n = nodes[index];
    n.path = path;
    n.description = app.get_description();
    n.footer = app.get_footer() == parent_footer ? "" : app.get_footer();
    for (const CLI::Option* o :
         app.get_options([](const CLI::Option* o) { return visible(o->get_group()); })) {
      (o->nonpositional() ? n.options : n.positionals).push_back(opt_of(*o));
    }
  }
  for (const CLI::App* sub :
       app.get_subcommands([](const CLI::App* s) { return visible(s->get_group()); })) {
    auto sub_path = path;
    sub_path.push_back(sub->get_name());
    nodes[index].children.push_back(nodes.size());
    walk(*sub, sub_path, app.get_footer(), nodes);
  }
}

/// Every visible command of the tree, stride itself first, in --help order.
std::vector<Node> table(const CLI::App& app) {
  std::vector<Node> nodes;
  walk(app, {}, "", nodes);
  return nodes;
}

std::string joined(const std::vector<std::string>& words, std::string_view sep = " ") {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += sep;
    out += w;
  }
  return out;
}

bool is_help(const Opt& o) { return !o.names.empty() && o.names.back() == "--help"; }

/// The options valid at a node: its own, then stride's own (global options
/// may follow the command: the app falls through), without repeats.
std::vector<const Opt*> options_at(const std::vector<Node>& nodes, const Node& n) {
  std::vector<const Opt*> out;
  std::set<std::string> seen;
  auto add = [&](const Opt& o) {
    if (seen.insert(o.names.back()).second) out.push_back(&o);
  };
  for (const auto& o : n.options) add(o);
  for (const auto& o : nodes.front().options) add(o);
  return out;
}

// ---- man page ----------------------------------------------------------------

/// Text for a roff line: backslashes escaped, a dash that starts a word (an
/// option) as a minus, anything outside ASCII as \[uXXXX], and a control
/// character at the start neutralised.
std::string roff(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '-' ||
                            text[i - 1] == '(' || text[i - 1] == '`')) {
      out += "\\-";
    } else if (c >= 0x80) {
      // Decode one UTF-8 sequence.
      int len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : 2;
      unsigned cp = c & (0xFF >> (len + 1));
      for (int k = 1; k < len && i + 1 < text.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(text[++i]) & 0x3F);
      out += fmt::format("\\[u{:04X}]", cp);
    } else {
      out += static_cast<char>(c);
    }
  }
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out;
}

/// One paragraph per line of `text`.
std::string roff_paragraphs(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto line = text.substr(start, end - start);
    if (!line.empty()) out += ".PP\n" + roff(line) + "\n";
    start = end + 1;
  }
  return out;
}

std::string usage(const Node& n) {
  std::string u = "stride";
  for (const auto& p : n.path) u += " " + p;
  bool has_options = false;
  for (const auto& o : n.options) has_options = has_options || !is_help(o);
  if (has_options) u += " [OPTIONS]";
  for (const auto& p : n.positionals) {
    const std::string name = p.positional + (p.repeats ? "..." : "");
    u += p.required ? " " + name : " [" + name + "]";
  }
  if (!n.children.empty()) u += " COMMAND";
  return u;
}

std::string man_option(const Opt& o) {
  std::string tag;
  if (o.names.empty()) {
    tag = "\\fI" + roff(o.positional) + "\\fR" + (o.repeats ? "..." : "");
  } else {
    for (const auto& name : o.names) {
      if (!tag.empty()) tag += ", ";
      tag += "\\fB" + roff(name) + "\\fR";
    }
    if (o.takes_value) {
      const auto colon = o.type.find(':');
      tag += " \\fI" + roff(o.type.substr(0, colon)) + "\\fR";
      if (!o.values.words.empty() && o.values.kind == ValueKind::words &&
          colon != std::string::npos)
        tag += " (" + roff(joined(o.values.words, "|")) + ")";
    }
  }
  std::string text = roff(o.description);
  if (o.required) text += " (required)";
  return ".TP\n" + tag + "\n" + text + "\n";
}

struct Section {
  std::string_view name;
  std::vector<std::pair<std::string_view, std::string_view>> entries;  // tag, text
};

// What no option's text says: the same facts as the README's "Using it".
const Section kEnvironment = {
    "ENVIRONMENT",
    {{"STRIDE_DB", "The history database when --db is not given."},
     {"XDG_DATA_HOME",
      "Without --db and STRIDE_DB the database is $XDG_DATA_HOME/stride/stride.db, or "
      "~/.local/share/stride/stride.db when XDG_DATA_HOME is unset."},
     {"STRIDE_TODAY",
      "YYYY-MM-DD: the day stride takes as today (date words, checks, plans), for scripts "
      "and tests."},
     {"NO_COLOR", "When set and not empty, no colour on a terminal."}}};

const Section kFiles = {
    "FILES",
    {{"~/.local/share/stride/stride.db",
      "The history: an SQLite database (see ENVIRONMENT and --db for where else it lives). "
      "stride init creates it; stride export --db copies it consistently."},
     {"profile.yaml",
      "Beside the database unless --profile names another: time zone, units, experience "
      "level, surfaces and zones, shoes, every rule's thresholds and the planner's schedule. "
      "stride init writes a commented one; unknown keys and impossible values are errors "
      "naming the line and column."}}};

const Section kExamples = {
    "EXAMPLES",
    {{"stride init", "Create the database and a commented profile."},
     {"stride import ~/Downloads/export_12345.zip",
      "Import a Strava bulk export as downloaded (files, folders and .gz work too)."},
     {"stride status", "The load dashboard for today."},
     {"stride check --distance 16km --date tomorrow",
      "Check a planned run; exit 4 on a danger, 3 on a caution with --fail-on caution."},
     {"stride log pain --site knee-front --level 3 --during-run", "Record a pain note."},
     {"stride plan generate --weeks 4 --out plan.yaml", "Write the next four weeks as a plan."},
     {"stride plan check plan.yaml --fail-on caution", "Check a hand-edited plan day by day."},
     {"stride --json list --since 2026-01-01", "The history as one JSON document."}}};

std::string man_section(const Section& s) {
  std::string out = ".SH " + std::string(s.name) + "\n";
  for (const auto& [tag, text] : s.entries)
    out += ".TP\n.B " + roff(tag) + "\n" + roff(text) + "\n";
  return out;
}

// ---- shells ------------------------------------------------------------------

std::string sh_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string fish_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string path_of(const Node& n) { return joined(n.path); }

/// `@file` for a path, the words otherwise (the drivers read it so).
std::string values_word_list(const Values& v) {
  return v.kind == ValueKind::path ? "@file" : joined(v.words);
}

const Opt* positional_of(const Node& n) {
  return n.positionals.empty() ? nullptr : &n.positionals.front();
}

constexpr std::string_view kBashDriver = R"drv(
_stride() {
  local cur=${COMP_WORDS[COMP_CWORD]} cmdpath="" i w v opt=""
  # The command typed so far: words that name a subcommand of the path before
  # them; an option's value is skipped.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    case $w in
      -*=*) ;;
      -*) if _stride_values "$cmdpath" "$w" >/dev/null; then ((i++)); fi ;;
      *) for v in $(_stride_commands "$cmdpath"); do
           if [[ $w == "$v" ]]; then cmdpath=${cmdpath:+$cmdpath }$w; break; fi
         done ;;
    esac
  done
  # `--site=kn` arrives as `--site` `=` `kn` (= is in COMP_WORDBREAKS).
  if [[ $cur == "=" ]]; then
    opt=${COMP_WORDS[COMP_CWORD-1]}; cur=""
  elif ((COMP_CWORD >= 2)) && [[ ${COMP_WORDS[COMP_CWORD-1]} == "=" ]]; then
    opt=${COMP_WORDS[COMP_CWORD-2]}
  elif ((COMP_CWORD >= 1)); then
    opt=${COMP_WORDS[COMP_CWORD-1]}
  fi
  if [[ $opt == -* ]] && v=$(_stride_values "$cmdpath" "$opt"); then
    _stride_reply "$v" "$cur"
    return 0
  fi
  if [[ $cur == -* ]]; then
    _stride_reply "$(_stride_options "$cmdpath")" "$cur"
    return 0
  fi
  v=$(_stride_commands "$cmdpath")
  [[ -n $v ]] || v=$(_stride_positional "$cmdpath")
  _stride_reply "$v" "$cur"
  return 0
}

# $1: words, or @file for a path.
_stride_reply() {
  COMPREPLY=()
  if [[ $1 == "@file" ]]; then
    compopt -o filenames 2>/dev/null || true
    mapfile -t COMPREPLY < <(compgen -f -- "$2")
  elif [[ -n $1 ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
  fi
}

complete -F _stride stride
)drv";

constexpr std::string_view kZshDriver = R"drv(
_stride() {
  local cmdpath='' i w opt cur=${words[CURRENT]} c
  local -a items
  for ((i = 2; i < CURRENT; i++)); do
    w=${words[i]}
    case $w in
      (-*=*) ;;
      (-*) _stride_values "$cmdpath" "$w" && ((i++)) ;;
      (*) _stride_commands "$cmdpath"
          for c in "${_stride_list[@]}"; do
            if [[ ${c%%:*} == "$w" ]]; then cmdpath=${cmdpath:+$cmdpath }$w; break; fi
          done ;;
    esac
  done
  if [[ $cur == -*=* ]]; then
    opt=${cur%%=*}
    compset -P '*='
  else
    opt=${words[CURRENT-1]}
  fi
  if [[ $opt == -* ]] && _stride_values "$cmdpath" "$opt"; then
    _stride_offer
    return
  fi
  if [[ $cur == -* ]]; then
    _stride_options "$cmdpath"
    items=("${_stride_list[@]}")
    _describe -t options 'stride option' items
    return
  fi
  _stride_commands "$cmdpath"
  if (( ${#_stride_list} )); then
    items=("${_stride_list[@]}")
    _describe -t commands 'stride command' items
    return
  fi
  _stride_positional "$cmdpath" && _stride_offer
}

# What _stride_values or _stride_positional left in _stride_list.
_stride_offer() {
  if [[ ${_stride_list[1]} == @file ]]; then
    _files
  elif (( ${#_stride_list} )); then
    compadd -a _stride_list
  fi
}

_stride "$@"
)drv";

constexpr std::string_view kFishDriver = R"drv(
# The command typed so far ("log pain"): words naming a subcommand of the
# path before them; an option's value is skipped.
function __stride_path
    set -l cmdpath
    set -l skip 0
    set -l tokens (commandline -opc)
    set -e tokens[1]
    for w in $tokens
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case '-*=*'
            case '-*'
                __stride_takes_value (string join ' ' $cmdpath) $w; and set skip 1
            case '*'
                contains -- $w (__stride_commands (string join ' ' $cmdpath)); and set cmdpath $cmdpath $w
        end
    end
    string join ' ' $cmdpath
end

function __stride_at
    set -l at (__stride_path)
    test "$at" = "$argv[1]"
end

complete -c stride -f
)drv";

}  // namespace

std::string man_page(const CLI::App& app, std::string_view date) {
  const std::vector<Node> nodes = table(app);
  const Node& root = nodes.front();
  std::string whatis = root.description;
  if (whatis.rfind("stride: ", 0) == 0) whatis = whatis.substr(8);
  if (const auto dot = whatis.find(". "); dot != std::string::npos) whatis.resize(dot);

  std::string m;
  m += ".\\\" stride(1), generated by `stride __generate man` from the command tree that\n"
       ".\\\" `stride --help` prints (cli/manual.cpp). Do not edit.\n";
  m += fmt::format(".TH STRIDE 1 {} \"stride {}\" \"User Commands\"\n", date, build_version());
  m += ".nh\n.ad l\n";
  m += ".SH NAME\nstride \\- " + roff(whatis) + "\n";
  m += ".SH SYNOPSIS\n.B stride\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n";
  m += ".SH DESCRIPTION\n" + roff(root.description) + "\n";
  m += ".PP\nThe options below may also come after the command. Every command takes "
       "\\fB\\-\\-help\\fR.\n";
  m += roff_paragraphs(root.footer);
  m += ".SH OPTIONS\n";
  for (const auto& o : root.options) m += man_option(o);
  m += ".SH COMMANDS\n";
  for (std::size_t i = 1; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    m += ".SS \"" + roff(usage(n)) + "\"\n" + roff(n.description) + "\n";
    if (!n.children.empty()) {
      std::vector<std::string> names;
      for (auto c : n.children) names.push_back(nodes[c].path.back());
      m += ".PP\nCommands: " + roff(joined(names, ", ")) + ".\n";
    }
    for (const auto& o : n.positionals) m += man_option(o);
    for (const auto& o : n.options)
      if (!is_help(o)) m += man_option(o);
    m += roff_paragraphs(n.footer);
  }
  m += ".SH EXIT STATUS\n";
  for (int c = 0; c <= static_cast<int>(ExitCode::danger); ++c)
    m += fmt::format(".TP\n.B {}\n{}\n", c, roff(message_of(static_cast<ExitCode>(c))));
  m += ".PP\n" +
       roff(
           "check and plan check exit 3 or 4 only at or above --fail-on (default danger; "
           "never: always 0). import exits 1 when any file failed; the others were "
           "imported.") +
       "\n";
  m += man_section(kEnvironment);
  m += man_section(kFiles);
  m += man_section(kExamples);
  m += ".SH SEE ALSO\n.BR sqlite3 (1)\n";
  return m;
}

std::string bash_completion(const CLI::App& app) {
  const std::vector<Node> nodes = table(app);
  std::string s =
      "# bash completion for stride(1), generated by `stride __generate bash` from the\n"
      "# command tree that `stride --help` prints (cli/manual.cpp). Do not edit.\n\n";
  s += "# $1: the command path (\"log pain\"). Its subcommands.\n_stride_commands() {\n"
       "  case $1 in\n";
  for (const auto& n : nodes) {
    if (n.children.empty()) continue;
    std::vector<std::string> names;
    for (auto c : n.children) names.push_back(nodes[c].path.back());
    s += "    " + sh_quote(path_of(n)) + ") echo " + sh_quote(joined(names)) + " ;;\n";
  }
  s += "  esac\n}\n\n";
  s += "# $1: the command path. The options valid there (stride's own everywhere).\n"
       "_stride_options() {\n  case $1 in\n";
  for (const auto& n : nodes) {
    std::vector<std::string> names;
    for (const Opt* o : options_at(nodes, n))
      for (const auto& name : o->names) names.push_back(name);
    s += "    " + sh_quote(path_of(n)) + ") echo " + sh_quote(joined(names)) + " ;;\n";
  }
  s += "  esac\n}\n\n";
  s += "# $1: the command path, $2: an option. Fails for a flag; prints the values\n"
       "# (@file for a path) of an option that takes one.\n_stride_values() {\n"
       "  case \"$1 $2\" in\n";
  auto value_cases = [&](const Node& n, const Opt& o, bool global) {
    for (const auto& name : o.names) {
      const std::string pattern =
          global ? "*" + sh_quote(" " + name) : sh_quote(path_of(n) + " " + name);
      s += "    " + pattern + ") " +
           (o.takes_value ? "echo " + sh_quote(values_word_list(o.values)) : "return 1") + " ;;\n";
    }
  };
  for (std::size_t i = 1; i < nodes.size(); ++i)
    for (const auto& o : nodes[i].options) value_cases(nodes[i], o, false);
  for (const auto& o : nodes.front().options) value_cases(nodes.front(), o, true);
  s += "    *) return 1 ;;\n  esac\n}\n\n";
  s += "# $1: the command path. What its positional argument takes.\n"
       "_stride_positional() {\n  case $1 in\n";
  for (const auto& n : nodes)
    if (const Opt* p = positional_of(n))
      s += "    " + sh_quote(path_of(n)) + ") echo " + sh_quote(values_word_list(p->values)) +
           " ;;\n";
  s += "  esac\n}\n";
  s += kBashDriver;
  return s;
}

std::string zsh_completion(const CLI::App& app) {
  const std::vector<Node> nodes = table(app);
  auto described = [](std::string_view name, std::string_view text) {
    std::string t;
    for (char c : text) t += c == ':' ? std::string("\\:") : std::string(1, c);
    return sh_quote(std::string(name) + ":" + t);
  };
  std::string s =
      "#compdef stride\n"
      "# zsh completion for stride(1), generated by `stride __generate zsh` from the\n"
      "# command tree that `stride --help` prints (cli/manual.cpp). Do not edit.\n\n";
  s += "typeset -ga _stride_list\n\n";
  s += "# $1: the command path (\"log pain\"). Its subcommands as name:description.\n"
       "_stride_commands() {\n  _stride_list=()\n  case $1 in\n";
  for (const auto& n : nodes) {
    if (n.children.empty()) continue;
    std::string items;
    for (auto c : n.children) items += " " + described(nodes[c].path.back(), nodes[c].description);
    s += "    (" + sh_quote(path_of(n)) + ") _stride_list=(" + items + ") ;;\n";
  }
  s += "  esac\n}\n\n";
  s += "# $1: the command path. The options valid there (stride's own everywhere).\n"
       "_stride_options() {\n  _stride_list=()\n  case $1 in\n";
  for (const auto& n : nodes) {
    std::string items;
    for (const Opt* o : options_at(nodes, n))
      for (const auto& name : o->names) items += " " + described(name, o->description);
    s += "    (" + sh_quote(path_of(n)) + ") _stride_list=(" + items + ") ;;\n";
  }
  s += "  esac\n}\n\n";
  s += "# $1: the command path, $2: an option. Fails for a flag; leaves the values\n"
       "# (@file for a path) of an option that takes one in _stride_list.\n"
       "_stride_values() {\n  _stride_list=()\n  case \"$1 $2\" in\n";
  auto value_cases = [&](const Node& n, const Opt& o, bool global) {
    for (const auto& name : o.names) {
      const std::string pattern =
          global ? "*" + sh_quote(" " + name) : sh_quote(path_of(n) + " " + name);
      std::string words;
      if (o.values.kind == ValueKind::path) words = " @file";
      for (const auto& w : o.values.words) words += " " + sh_quote(w);
      s += "    (" + pattern + ") " +
           (o.takes_value ? "_stride_list=(" + words + ")" : "return 1") + " ;;\n";
    }
  };
  for (std::size_t i = 1; i < nodes.size(); ++i)
    for (const auto& o : nodes[i].options) value_cases(nodes[i], o, false);
  for (const auto& o : nodes.front().options) value_cases(nodes.front(), o, true);
  s += "    (*) return 1 ;;\n  esac\n}\n\n";
  s += "# $1: the command path. What its positional argument takes, in _stride_list.\n"
       "_stride_positional() {\n  _stride_list=()\n  case $1 in\n";
  for (const auto& n : nodes)
    if (const Opt* p = positional_of(n)) {
      std::string words;
      if (p->values.kind == ValueKind::path) words = " @file";
      for (const auto& w : p->values.words) words += " " + sh_quote(w);
      s += "    (" + sh_quote(path_of(n)) + ") _stride_list=(" + words + ") ;;\n";
    }
  s += "    (*) return 1 ;;\n  esac\n}\n";
  s += kZshDriver;
  return s;
}

std::string fish_completion(const CLI::App& app) {
  const std::vector<Node> nodes = table(app);
  std::string s =
      "# fish completion for stride(1), generated by `stride __generate fish` from the\n"
      "# command tree that `stride --help` prints (cli/manual.cpp). Do not edit.\n\n";
  s += "function __stride_commands\n    switch \"$argv[1]\"\n";
  for (const auto& n : nodes) {
    if (n.children.empty()) continue;
    std::vector<std::string> names;
    for (auto c : n.children) names.push_back(nodes[c].path.back());
    s += "        case " + fish_quote(path_of(n)) + "\n            printf '%s\\n' " +
         joined(names) + "\n";
  }
  s += "    end\nend\n\n";
  s += "# Succeeds when the option ($argv[2]) takes a value at the path ($argv[1]).\n"
       "function __stride_takes_value\n    switch \"$argv[1] $argv[2]\"\n";
  std::vector<std::string> specific, global;
  for (std::size_t i = 1; i < nodes.size(); ++i)
    for (const auto& o : nodes[i].options)
      for (const auto& name : o.names)
        if (o.takes_value) specific.push_back(fish_quote(path_of(nodes[i]) + " " + name));
  for (const auto& o : nodes.front().options)
    for (const auto& name : o.names)
      if (o.takes_value) global.push_back(fish_quote("* " + name));
  if (!specific.empty()) s += "        case " + joined(specific) + "\n            return 0\n";
  // A flag of a command shadows a global option of the same name.
  std::vector<std::string> flags;
  for (std::size_t i = 1; i < nodes.size(); ++i)
    for (const auto& o : nodes[i].options)
      for (const auto& name : o.names)
        if (!o.takes_value) flags.push_back(fish_quote(path_of(nodes[i]) + " " + name));
  if (!flags.empty()) s += "        case " + joined(flags) + "\n            return 1\n";
  if (!global.empty()) s += "        case " + joined(global) + "\n            return 0\n";
  s += "    end\n    return 1\nend\n";
  s += kFishDriver;

  auto option_line = [&](const Opt& o, const std::string& condition) {
    std::string line = "complete -c stride";
    if (!condition.empty()) line += " -n " + fish_quote(condition);
    for (const auto& name : o.names)
      line += name.rfind("--", 0) == 0 ? " -l " + name.substr(2) : " -s " + name.substr(1);
    if (o.takes_value) {
      if (o.values.kind == ValueKind::path)
        line += " -r -F";
      else
        line += " -x";
      if (o.values.kind == ValueKind::words) line += " -a " + fish_quote(joined(o.values.words));
    }
    line += " -d " + fish_quote(o.description);
    return line + "\n";
  };
  for (const auto& n : nodes) {
    const std::string at = "__stride_at " + fish_quote(path_of(n));
    s += "\n# stride" + (n.path.empty() ? std::string() : " " + path_of(n)) + "\n";
    for (auto c : n.children)
      s += "complete -c stride -n " + fish_quote(at) + " -a " + fish_quote(nodes[c].path.back()) +
           " -d " + fish_quote(nodes[c].description) + "\n";
    for (const auto& o : n.options) s += option_line(o, n.path.empty() ? std::string() : at);
    if (const Opt* p = positional_of(n)) {
      if (p->values.kind == ValueKind::path)
        s += "complete -c stride -n " + fish_quote(at) + " -F\n";
      else if (p->values.kind == ValueKind::words)
        s += "complete -c stride -n " + fish_quote(at) + " -a " +
             fish_quote(joined(p->values.words)) + "\n";
    }
  }
  return s;
}

namespace {
std::string today_utc() {
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}
}  // namespace

int generate(const CLI::App& app, int argc, char** argv) {
  const std::string kind = argc > 2 ? argv[2] : "";
  std::string text;
  if (kind == "man")
    text = man_page(app, argc > 4 ? std::string(argv[4]) : today_utc());
  else if (kind == "bash")
    text = bash_completion(app);
  else if (kind == "zsh")
    text = zsh_completion(app);
  else if (kind == "fish")
    text = fish_completion(app);
  else {
    std::cerr << "usage: stride __generate man|bash|zsh|fish [FILE] [DATE]\n";
    return static_cast<int>(ExitCode::usage);
  }
  if (argc > 3 && std::string_view(argv[3]) != "-") {
    std::ofstream out(argv[3], std::ios::binary);
    out << text;
    if (!out.flush()) {
      std::cerr << "stride: cannot write " << argv[3] << '\n';
      return static_cast<int>(ExitCode::failure);
    }
  } else {
    std::cout << text;
  }
  return static_cast<int>(ExitCode::ok);
}

}  // namespace stride::cli
