// Installing and packaging: `stride --version`, the generated man page and
// completions, `cmake --install` into a DESTDIR, and the Debian package built
// by CPack. The man page and completions are checked against what `--help`
// prints, walked command by command, so a command or option someone adds is
// checked without an edit here. Tests that need a tool (mandoc, zsh, fish,
// dpkg-deb, bash-completion) carry its tag and are registered only where
// tests/CMakeLists.txt found it.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/catch.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;
using stride::test::read_file;
using stride::test::run_captured;
using stride::test::RunOutput;
using stride::test::shell_quote;
using stride::test::TempFolder;

const std::string kStride = STRIDE_PKG_BIN;
const fs::path kBuild = STRIDE_PKG_BUILD_DIR;
const fs::path kSource = STRIDE_PKG_SOURCE_DIR;
const fs::path kGenerated = STRIDE_PKG_GENERATED_DIR;

std::string bin() { return shell_quote(kStride); }

/// Runs `cmd` and requires it to exit 0, showing its output when it does not.
RunOutput ok(const std::string& cmd, const fs::path& dir) {
  RunOutput r = run_captured(cmd, dir);
  INFO(cmd << "\nstdout:\n" << r.out << "\nstderr:\n" << r.err);
  REQUIRE(r.exit == 0);
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

// ---- --help, walked ----------------------------------------------------------

struct HelpOption {
  std::vector<std::string> names;  ///< `-q`, `--quiet`, or a positional's name
  std::string description;
};

struct HelpCommand {
  std::string path;  ///< "" for stride, "log pain"
  std::vector<HelpOption> options;
  std::vector<std::string> subcommands;
};

/// CLI11's layout: a section title ("Options:"), then entries indented by two
/// spaces with the description from column 30 (or on the next line when the
/// name is longer).
HelpCommand parse_help(const std::string& path, const std::string& text) {
  HelpCommand c{path, {}, {}};
  std::string section;
  for (const auto& line : lines_of(text)) {
    if (!line.empty() && line.back() == ':' && line.front() != ' ') {
      section = line;
      continue;
    }
    if (line.rfind("  ", 0) != 0) {
      if (line.empty() || line.front() != ' ') section.clear();
      continue;
    }
    const std::string body = line.substr(2);
    if (body.front() == ' ') {  // a description continued on its own line
      if (!c.options.empty() && section != "Subcommands:")
        c.options.back().description += squeeze(body);
      continue;
    }
    const auto gap = body.find("  ");
    const std::string head = body.substr(0, gap);
    const std::string desc = gap == std::string::npos ? "" : squeeze(body.substr(gap));
    if (section == "Subcommands:") {
      c.subcommands.push_back(head);
    } else if (section == "Options:" || section == "Positionals:") {
      HelpOption o;
      std::string names = head.substr(0, head.find(' '));
      std::stringstream ss(names);
      for (std::string n; std::getline(ss, n, ',');) o.names.push_back(n);
      o.description = desc.empty() ? desc : desc.substr(desc.front() == ' ' ? 1 : 0);
      c.options.push_back(o);
    }
  }
  return c;
}

/// Every command `stride --help` leads to, stride itself first.
std::vector<HelpCommand> walk_help(const fs::path& dir) {
  std::vector<HelpCommand> out;
  std::vector<std::string> todo = {""};
  while (!todo.empty()) {
    const std::string path = todo.front();
    todo.erase(todo.begin());
    const RunOutput r = ok(bin() + " " + path + " --help", dir);
    HelpCommand c = parse_help(path, r.out);
    for (const auto& sub : c.subcommands) todo.push_back(path.empty() ? sub : path + " " + sub);
    out.push_back(std::move(c));
  }
  return out;
}

// ---- the man page as text ----------------------------------------------------

/// The rendered page: the text under each `stride ...` heading and the OPTIONS section.
struct RenderedMan {
  std::map<std::string, std::string> commands;  ///< "log pain" -> its text, squeezed
  std::string options;                          ///< the OPTIONS section, squeezed
  std::string all;
};

RenderedMan render_man(const fs::path& dir) {
  const RunOutput r = ok("groff -man -Tascii -rLL=400n -P-cbou " +
                             shell_quote((kGenerated / "man/man1/stride.1").string()),
                         dir);
  RenderedMan m;
  m.all = squeeze(r.out);
  std::string* into = nullptr;
  for (const auto& line : lines_of(r.out)) {
    if (!line.empty() && line.front() != ' ') {
      into = line == "OPTIONS" ? &m.options : nullptr;
      continue;
    }
    // Subsection headings (.SS) are indented three spaces, their text more.
    if (line.rfind("   stride", 0) == 0) {
      std::string usage = line.substr(3);
      std::string path;
      std::stringstream ss(usage.substr(6));
      for (std::string w; ss >> w;) {
        if (w.front() == '[' || w == "COMMAND" || std::isupper(static_cast<unsigned char>(w[0])) ||
            w == "file")
          break;
        path += (path.empty() ? "" : " ") + w;
      }
      into = &m.commands[path];
      *into += usage + " ";
      continue;
    }
    if (into != nullptr) *into += squeeze(line) + " ";
  }
  for (auto& [path, text] : m.commands) text = squeeze(text);
  m.options = squeeze(m.options);
  return m;
}

// ---- shells ------------------------------------------------------------------

/// What the bash completion offers for the words (the last is being completed).
std::vector<std::string> bash_complete(const std::vector<std::string>& words, const fs::path& dir) {
  std::string array;
  for (const auto& w : words) array += " " + shell_quote(w);
  const std::string script =
      "source " + shell_quote((kGenerated / "bash-completion/completions/stride").string()) +
      "; COMP_WORDS=(" + array + "); COMP_CWORD=" + std::to_string(words.size() - 1) +
      "; _stride; printf '%s\\n' \"${COMPREPLY[@]}\"";
  const RunOutput r = ok("bash --norc -c " + shell_quote(script), dir);
  std::vector<std::string> out;
  for (const auto& l : lines_of(r.out))
    if (!l.empty()) out.push_back(l);
  std::sort(out.begin(), out.end());
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string w; ss >> w;) out.push_back(w);
  return out;
}

}  // namespace

TEST_CASE("version: the version and the git commit the binary was built from", "[package]") {
  TempFolder tmp("stride-version");
  const RunOutput r = ok(bin() + " --version", tmp.dir());
  std::string commit = "unknown";
  if (fs::exists(kSource / ".git")) {
    const RunOutput head = run_captured(
        "git -C " + shell_quote(kSource.string()) + " rev-parse --short=12 HEAD", tmp.dir());
    if (head.exit == 0) {
      commit = squeeze(head.out);
      if (!commit.empty() && commit.back() == ' ') commit.pop_back();
      const RunOutput dirty = run_captured(
          "git -C " + shell_quote(kSource.string()) + " status --porcelain --untracked-files=no",
          tmp.dir());
      if (!dirty.out.empty()) commit += "-dirty";
    }
  }
  CHECK(r.out == "stride " STRIDE_PKG_VERSION " (commit " + commit + ")\n");
  CHECK(std::regex_match(
      r.out, std::regex(R"(stride \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)\n)")));
}

TEST_CASE("man: every command and option of --help is in stride(1), with its text",
          "[package][groff]") {
  TempFolder tmp("stride-man");
  const auto help = walk_help(tmp.dir());
  const RenderedMan man = render_man(tmp.dir());
  REQUIRE(help.size() > 10);  // stride, its commands and their subcommands

  std::set<std::string> help_paths;
  for (const auto& c : help) {
    if (c.path.empty()) {
      for (const auto& o : c.options) {
        INFO("global option " << o.names.back());
        for (const auto& n : o.names) CHECK(contains(man.options, n));
        CHECK(contains(man.options, o.description));
      }
      continue;
    }
    help_paths.insert(c.path);
    INFO("stride " << c.path);
    REQUIRE(man.commands.count(c.path) == 1);
    const std::string& text = man.commands.at(c.path);
    for (const auto& sub : c.subcommands) CHECK(contains(text, sub));
    for (const auto& o : c.options) {
      if (o.names.back() == "--help") continue;
      INFO(o.names.back());
      for (const auto& n : o.names) CHECK(contains(text, n));
      CHECK(contains(text, o.description));
    }
  }
  // Nothing in the page that --help does not show (a hidden command, say).
  std::set<std::string> man_paths;
  for (const auto& [path, text] : man.commands) man_paths.insert(path);
  CHECK(man_paths == help_paths);

  for (const char* section : {"EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"})
    CHECK(contains(man.all, section));
  for (const char* var : {"STRIDE_DB", "STRIDE_TODAY", "NO_COLOR", "XDG_DATA_HOME"})
    CHECK(contains(man.all, var));
  CHECK(contains(man.all, "profile.yaml"));
  CHECK(contains(man.all, "4 danger found"));
}

TEST_CASE("man: groff -ww finds nothing to warn about", "[package][groff]") {
  TempFolder tmp("stride-man");
  const RunOutput r = ok(
      "groff -ww -man -z " + shell_quote((kGenerated / "man/man1/stride.1").string()), tmp.dir());
  CHECK(r.err.empty());
}

TEST_CASE("man: mandoc -Tlint finds nothing to warn about", "[package][mandoc]") {
  TempFolder tmp("stride-man");
  const RunOutput r = run_captured(
      "mandoc -Tlint -W warning " + shell_quote((kGenerated / "man/man1/stride.1").string()),
      tmp.dir());
  INFO(r.out << r.err);
  CHECK(r.exit == 0);
  CHECK(r.out.empty());
}

TEST_CASE("bash completion: commands, options and values, as --help lists them", "[package]") {
  TempFolder tmp("stride-bash");
  SECTION("a command") {
    CHECK(bash_complete({"stride", "lo"}, tmp.dir()) == std::vector<std::string>{"log"});
  }
  SECTION("an option of a nested command, and a global one") {
    CHECK(bash_complete({"stride", "log", "pain", "--d"}, tmp.dir()) ==
          std::vector<std::string>{"--date", "--db", "--during-run"});
  }
  SECTION("the sites of log pain --site, after other options") {
    CHECK(bash_complete({"stride", "--json", "log", "pain", "--level", "3", "--site", "knee-"},
                        tmp.dir()) ==
          std::vector<std::string>{"knee-below", "knee-front", "knee-outer"});
    CHECK(bash_complete({"stride", "log", "pain", "--site", "=", "sh"}, tmp.dir()) ==
          std::vector<std::string>{"shin-inner", "shin-outer"});
  }
  SECTION("surfaces, sports, units and --fail-on") {
    CHECK(bash_complete({"stride", "check", "--surface", "tr"}, tmp.dir()) ==
          std::vector<std::string>{"track", "trail", "treadmill"});
    CHECK(has(bash_complete({"stride", "list", "--sport", ""}, tmp.dir()), "trail_run"));
    CHECK(bash_complete({"stride", "status", "--units", ""}, tmp.dir()) ==
          std::vector<std::string>{"km", "mi"});
    CHECK(bash_complete({"stride", "plan", "check", "--fail-on", ""}, tmp.dir()) ==
          std::vector<std::string>{"caution", "danger", "never"});
  }
  SECTION("files where a path is expected, nothing after a flag's value") {
    fs::create_directories(tmp.dir() / "runs");
    std::ofstream(tmp.dir() / "runs" / "morning run.gpx") << "x";
    std::ofstream(tmp.dir() / "runs" / "plan.yaml") << "x";
    const std::string runs = (tmp.dir() / "runs").string() + "/";
    CHECK(bash_complete({"stride", "import", runs + "mor"}, tmp.dir()) ==
          std::vector<std::string>{runs + "morning run.gpx"});
    CHECK(bash_complete({"stride", "plan", "check", runs + "pl"}, tmp.dir()) ==
          std::vector<std::string>{runs + "plan.yaml"});
    CHECK(bash_complete({"stride", "--db", runs + "pl"}, tmp.dir()) ==
          std::vector<std::string>{runs + "plan.yaml"});
    CHECK(bash_complete({"stride", "show", ""}, tmp.dir()).empty());
  }
  SECTION("every command and option --help shows") {
    for (const auto& c : walk_help(tmp.dir())) {
      INFO("stride " << c.path);
      std::vector<std::string> words = {"stride"};
      for (const auto& w : words_of(c.path)) words.push_back(w);
      words.push_back("");
      const auto subs = bash_complete(words, tmp.dir());
      for (const auto& s : c.subcommands) CHECK(has(subs, s));
      words.back() = "-";
      const auto opts = bash_complete(words, tmp.dir());
      for (const auto& o : c.options)
        if (o.names.front().front() == '-')
          for (const auto& n : o.names) CHECK(has(opts, n));
    }
  }
}

TEST_CASE("install: cmake --install puts stride, stride(1) and the completions where they are read",
          "[package]") {
  TempFolder tmp("stride-install");
  const fs::path dest = tmp.dir() / "dest";
  ok("DESTDIR=" + shell_quote(dest.string()) + " cmake --install " + shell_quote(kBuild.string()) +
         " --prefix /usr/local",
     tmp.dir());
  const fs::path prefix = dest / "usr/local";
  for (const char* f :
       {"bin/stride", "share/man/man1/stride.1", "share/bash-completion/completions/stride",
        "share/zsh/vendor-completions/_stride", "share/fish/vendor_completions.d/stride.fish"}) {
    INFO(f);
    CHECK(fs::is_regular_file(prefix / f));
  }
  CHECK(::access((prefix / "bin/stride").c_str(), X_OK) == 0);
  CHECK(squeeze(ok(shell_quote((prefix / "bin/stride").string()) + " --version", tmp.dir()).out)
            .rfind("stride " STRIDE_PKG_VERSION, 0) == 0);
}

TEST_CASE("install: man finds stride(1) in the installed tree", "[package][man-db]") {
  TempFolder tmp("stride-install");
  const fs::path dest = tmp.dir() / "dest";
  ok("DESTDIR=" + shell_quote(dest.string()) + " cmake --install " + shell_quote(kBuild.string()) +
         " --prefix /usr/local",
     tmp.dir());
  // The way man finds any page: MANPATH/man1/NAME.1.
  const fs::path man = dest / "usr/local/share/man";
  const RunOutput where = ok("man -M " + shell_quote(man.string()) + " -w stride", tmp.dir());
  CHECK(squeeze(where.out) == (man / "man1/stride.1").string() + " ");
  const RunOutput page =
      ok("MANWIDTH=80 MAN_KEEP_FORMATTING= man -M " + shell_quote(man.string()) + " stride",
         tmp.dir());
  INFO(page.out);
  CHECK(contains(page.out, "stride - a training-load engine for runners"));
}

TEST_CASE("install: bash-completion loads stride's completion from the installed tree",
          "[package][bash-completion]") {
  TempFolder tmp("stride-install");
  const fs::path dest = tmp.dir() / "dest";
  ok("DESTDIR=" + shell_quote(dest.string()) + " cmake --install " + shell_quote(kBuild.string()) +
         " --prefix /usr/local",
     tmp.dir());
  // bash-completion looks in $XDG_DATA_DIRS/bash-completion/completions/<command>.
  const std::string script =
      "source /usr/share/bash-completion/bash_completion; __load_completion stride && "
      "complete -p stride";
  const RunOutput r =
      ok("XDG_DATA_DIRS=" + shell_quote((dest / "usr/local/share").string()) +
             " BASH_COMPLETION_USER_DIR=/nonexistent bash --norc -c " + shell_quote(script),
         tmp.dir());
  CHECK(squeeze(r.out) == "complete -F _stride stride ");
}

TEST_CASE("zsh completion: parses, compinit registers it, and it completes", "[package][zsh]") {
  TempFolder tmp("stride-zsh");
  const fs::path dir = kGenerated / "zsh/vendor-completions";
  ok("zsh -n " + shell_quote((dir / "_stride").string()), tmp.dir());
  const RunOutput reg =
      ok("zsh -f -c " +
             shell_quote("fpath=(" + dir.string() +
                         " $fpath); autoload -Uz compinit; compinit -u -d " +
                         (tmp.dir() / "zcompdump").string() + "; print -r -- $_comps[stride]"),
         tmp.dir());
  CHECK(squeeze(reg.out) == "_stride ");
  // The completion functions, run with zsh's completion builtins replaced by
  // ones that print what they were given.
  auto complete = [&](const std::string& line) {
    const std::string script =
        "compadd() { [[ $1 == -a ]] && print -rl -- \"${(@P)2}\" }; "
        "_describe() { print -rl -- \"${(@P)${@[-1]}}\" }; _files() { print -r -- FILES }; "
        "compset() { }; source " +
        shell_quote((dir / "_stride").string()) + " >/dev/null 2>&1; words=(" + line +
        "); CURRENT=${#words}; _stride";
    return ok("zsh -f -c " + shell_quote(script), tmp.dir()).out;
  };
  CHECK(contains(complete("stride lo"), "log:Record a run"));
  CHECK(contains(complete("stride log pain --s"), "--site:"));
  const std::string sites = complete("stride log pain --site ''");
  CHECK(contains(sites, "knee-front\n"));
  CHECK(contains(sites, "shin-inner\n"));
  CHECK(complete("stride import ''") == "FILES\n");
}

TEST_CASE("fish completion: parses and completes commands, options and values", "[package][fish]") {
  TempFolder tmp("stride-fish");
  const fs::path share = kGenerated;
  ok("fish --no-execute " + shell_quote((share / "fish/vendor_completions.d/stride.fish").string()),
     tmp.dir());
  // fish reads vendor completions from $XDG_DATA_DIRS/fish/vendor_completions.d.
  // It autoloads them for a command on PATH, with its own config (not --no-config).
  const std::string path = fs::path(kStride).parent_path().string() + ":/usr/bin:/bin";
  auto complete = [&](const std::string& line) {
    return ok("PATH=" + shell_quote(path) + " XDG_DATA_DIRS=" + shell_quote(share.string()) +
                  " HOME=" + shell_quote(tmp.dir().string()) + " fish -c " +
                  shell_quote("complete -C " + shell_quote(line)),
              tmp.dir())
        .out;
  };
  CHECK(contains(complete("stride lo"), "log\tRecord a run"));
  CHECK(contains(complete("stride log pain --ch"), "--changes-gait"));
  const std::string sites = complete("stride log pain --site knee-");
  CHECK(contains(sites, "knee-front"));
  CHECK(contains(sites, "knee-outer"));
  CHECK(!contains(sites, "\ncalf"));
  CHECK(contains(complete("stride plan check --fail-on "), "caution"));
  CHECK(!contains(complete("stride log "), "import"));
}

namespace {

/// Builds the .deb with CPack into `dir` and returns its path.
fs::path build_deb(const fs::path& dir) {
  ok("cpack -G DEB --config " + shell_quote((kBuild / "CPackConfig.cmake").string()) + " -B " +
         shell_quote((dir / "pkg").string()),
     dir);
  std::vector<fs::path> debs;
  for (const auto& e : fs::directory_iterator(dir / "pkg"))
    if (e.path().extension() == ".deb") debs.push_back(e.path());
  REQUIRE(debs.size() == 1);
  return debs.front();
}

std::string field(const fs::path& deb, const std::string& name, const fs::path& dir) {
  std::string v = ok("dpkg-deb -f " + shell_quote(deb.string()) + " " + name, dir).out;
  while (!v.empty() && v.back() == '\n') v.pop_back();
  return v;
}

/// `libfmt9 (>= 9.1.0+ds1), tzdata` -> {libfmt9, tzdata}.
std::set<std::string> package_names(const std::string& depends) {
  std::set<std::string> names;
  std::stringstream ss(depends);
  for (std::string part; std::getline(ss, part, ',');) {
    std::stringstream alt(part);
    for (std::string one; std::getline(alt, one, '|');) {
      const auto w = words_of(one);
      if (!w.empty()) names.insert(w.front());
    }
  }
  return names;
}

}  // namespace

TEST_CASE("deb: control, contents, and a Depends that covers every library stride loads",
          "[package][deb]") {
  TempFolder tmp("stride-deb");
  const fs::path deb = build_deb(tmp.dir());
  CHECK(deb.filename().string().rfind("stride_" STRIDE_PKG_VERSION "_", 0) == 0);
  CHECK(field(deb, "Package", tmp.dir()) == "stride");
  CHECK(field(deb, "Version", tmp.dir()) == STRIDE_PKG_VERSION);
  std::string arch = ok("dpkg --print-architecture", tmp.dir()).out;
  arch.pop_back();
  CHECK(field(deb, "Architecture", tmp.dir()) == arch);
  CHECK(field(deb, "Section", tmp.dir()) == "utils");

  const std::string contents = ok("dpkg-deb -c " + shell_quote(deb.string()), tmp.dir()).out;
  for (const char* f : {"./usr/bin/stride", "./usr/share/man/man1/stride.1",
                        "./usr/share/bash-completion/completions/stride",
                        "./usr/share/zsh/vendor-completions/_stride",
                        "./usr/share/fish/vendor_completions.d/stride.fish"}) {
    INFO(f);
    CHECK(contains(contents, std::string(f) + "\n"));
  }

  const std::string depends = field(deb, "Depends", tmp.dir());
  INFO("Depends: " << depends);
  const std::set<std::string> names = package_names(depends);
  CHECK(names.count("tzdata") == 1);  // read at run time, no linker sees it
  // Every shared library the packaged binary loads belongs to a package it depends on.
  const fs::path root = tmp.dir() / "root";
  ok("dpkg -x " + shell_quote(deb.string()) + " " + shell_quote(root.string()), tmp.dir());
  std::string libs;  // the resolved paths of `ldd`'s "NAME => PATH (ADDRESS)" lines
  for (const auto& line :
       lines_of(ok("ldd " + shell_quote((root / "usr/bin/stride").string()), tmp.dir()).out)) {
    const auto w = words_of(line);
    if (w.size() >= 3 && w[1] == "=>" && w[2].front() == '/') libs += w[2] + " ";
  }
  REQUIRE(!libs.empty());
  for (const auto& lib : words_of(libs)) {
    // With merged /usr a library may be registered under /lib or /usr/lib.
    const std::string alt = lib.rfind("/usr/", 0) == 0 ? lib.substr(4) : "/usr" + lib;
    RunOutput owner = run_captured("dpkg -S " + shell_quote(lib), tmp.dir());
    if (owner.exit != 0) owner = run_captured("dpkg -S " + shell_quote(alt), tmp.dir());
    INFO(lib << ": " << owner.out << owner.err);
    REQUIRE(owner.exit == 0);
    std::string package = owner.out.substr(0, owner.out.find(':'));
    CHECK(names.count(package) == 1);
  }
}

TEST_CASE(
    "deb: the packaged stride runs from a temporary root: --version, the demo's import and check",
    "[package][deb]") {
  TempFolder tmp("stride-deb");
  const fs::path deb = build_deb(tmp.dir());
  const fs::path root = tmp.dir() / "root";
  ok("dpkg -x " + shell_quote(deb.string()) + " " + shell_quote(root.string()), tmp.dir());
  const std::string stride = shell_quote((root / "usr/bin/stride").string());
  CHECK(
      ok(stride + " --version", tmp.dir()).out.rfind("stride " STRIDE_PKG_VERSION " (commit ", 0) ==
      0);

  const std::string env =
      "STRIDE_TODAY=2026-11-25 STRIDE_DB=" + shell_quote((tmp.dir() / "db/stride.db").string()) +
      " ";
  const fs::path examples = kSource / "examples";
  ok(env + stride + " init", tmp.dir());
  fs::copy_file(examples / "profile.yaml", tmp.dir() / "db/profile.yaml",
                fs::copy_options::overwrite_existing);
  const RunOutput imported = ok(
      env + stride + " --json import " + shell_quote((examples / "history").string()), tmp.dir());
  CHECK(contains(imported.out, "\"imported\""));
  // The demo's check: 16 km against a 30-day longest of 11.6 km is a caution
  // (exit 0 by default, 3 with --fail-on caution); 11 km on trail is clear.
  const std::string spike = env + stride + " check --distance 16km --date tomorrow";
  const RunOutput check = ok(spike, tmp.dir());
  CHECK(contains(check.out, "CAUTION single-run-spike: 16 km is +38 %"));
  CHECK(run_captured(spike + " --fail-on caution", tmp.dir()).exit == 3);
  const RunOutput pass =
      ok(env + stride + " check --distance 11km --surface trail --date tomorrow", tmp.dir());
  CHECK(contains(pass.out, "11 km in"));
  CHECK(contains(pass.out, ": clear\n"));
  CHECK(!contains(pass.out, "CAUTION"));
}
