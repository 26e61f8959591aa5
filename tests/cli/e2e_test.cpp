// End-to-end cases: each tests/cli/cases/<command>-<situation>.test runs the
// built `stride` (env STRIDE_BIN) in a fresh temporary folder with its own
// database, and checks exit codes, stdout, stderr and JSON. One Catch2 test
// case per file, so each is its own CTest entry ("cli: <file name>").
//
// Case file format, one directive per line (this comment is its reference):
//   # comment
//   tags [real]                  extra Catch2 tags (every case has [e2e])
//   env NAME=VALUE               for every later run (STRIDE_TODAY defaults to 2026-11-25)
//   run stride ARGS...           runs the binary; ARGS split like a shell, with
//                                ${EXAMPLES} ${DATA} ${REAL} ${TMP} expanded
//   exit N                       expected exit code of the last run (default 0)
//   stdout-has TEXT / stderr-has TEXT / stdout-lacks TEXT / stderr-lacks TEXT
//   stdout-empty / stderr-empty
//   stdout: / stderr:            exact text: the lines up to a line `end`
//   json-has /json/pointer       stdout parses as JSON and has the member
//   json-eq /json/pointer VALUE  ... equal to VALUE (JSON text)
//   json-size /json/pointer N    ... an array or object of N entries
//   file-has PATH TEXT           a file (under ${TMP}) contains TEXT
#include <sys/wait.h>

#include <cstdlib>
#include <deque>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/catch.hpp"
#include "tests/support/files.hpp"
#include "tests/support/process.hpp"

namespace {

namespace fs = std::filesystem;

using stride::test::env_or;
using stride::test::read_file;
using stride::test::run_captured;
using stride::test::RunOutput;
using stride::test::shell_quote;

/// Splits like a POSIX shell does for words: spaces separate, '...' and "..." group.
std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (char c : line) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        cur += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(cur);
      cur.clear();
      in_word = false;
    } else {
      cur += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(cur);
  return words;
}

std::string expand(std::string s, const std::map<std::string, std::string>& vars) {
  for (const auto& [name, value] : vars) {
    const std::string key = "${" + name + "}";
    for (auto pos = s.find(key); pos != std::string::npos; pos = s.find(key, pos + value.size()))
      s.replace(pos, key.size(), value);
  }
  return s;
}

class CaseRunner {
 public:
  explicit CaseRunner(fs::path file) : file_(std::move(file)) {
    char tmpl[] = "/tmp/stride-e2e-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
    tmp_ = tmpl;
    vars_["TMP"] = tmp_.string();
    vars_["EXAMPLES"] = env_or("STRIDE_EXAMPLES", STRIDE_E2E_EXAMPLES);
    vars_["DATA"] = env_or("STRIDE_TEST_DATA", STRIDE_E2E_DATA);
    vars_["REAL"] = env_or("STRIDE_REAL_DATA", STRIDE_E2E_REAL);
    env_["STRIDE_DB"] = (tmp_ / "stride.db").string();
    env_["STRIDE_TODAY"] = "2026-11-25";
    env_["HOME"] = tmp_.string();
    env_["XDG_DATA_HOME"] = (tmp_ / "xdg").string();
    env_["TZ"] = "UTC";
  }
  ~CaseRunner() {
    std::error_code ec;
    if (passed_) fs::remove_all(tmp_, ec);  // kept on failure, to look at
  }

  void run() {
    std::ifstream in(file_);
    std::string line;
    int line_no = 0;
    bool ran = false;
    bool exit_checked = true;
    auto finish_step = [&] {
      if (ran && !exit_checked) check_exit(0, line_no);
    };
    while (std::getline(in, line)) {
      ++line_no;
      if (line.empty() || line[0] == '#') continue;
      const auto space = line.find(' ');
      const std::string word = line.substr(0, space);
      const std::string rest =
          space == std::string::npos ? "" : expand(line.substr(space + 1), vars_);
      INFO(file_.filename().string() << ":" << line_no << ": " << line);
      if (word == "tags") {
        continue;
      } else if (word == "env") {
        const auto eq = rest.find('=');
        env_[rest.substr(0, eq)] = rest.substr(eq + 1);
      } else if (word == "run") {
        finish_step();
        out_ = execute(split_words(rest));
        ran = true;
        exit_checked = false;
      } else if (word == "exit") {
        check_exit(std::stoi(rest), line_no);
        exit_checked = true;
      } else if (word == "stdout-has") {
        CHECK_THAT(out_.out, Catch::Contains(rest));
      } else if (word == "stderr-has") {
        CHECK_THAT(out_.err, Catch::Contains(rest));
      } else if (word == "stdout-lacks") {
        CHECK_THAT(out_.out, !Catch::Contains(rest));
      } else if (word == "stderr-lacks") {
        CHECK_THAT(out_.err, !Catch::Contains(rest));
      } else if (word == "stdout-empty") {
        CHECK(out_.out.empty());
      } else if (word == "stderr-empty") {
        CHECK(out_.err.empty());
      } else if (word == "stdout:" || word == "stderr:") {
        std::string expected;
        while (std::getline(in, line) && line != "end") {
          ++line_no;
          expected += expand(line, vars_) + "\n";
        }
        ++line_no;
        CHECK((word == "stdout:" ? out_.out : out_.err) == expected);
      } else if (word == "json-has" || word == "json-eq" || word == "json-size") {
        check_json(word, rest);
      } else if (word == "file-has") {
        const auto sp = rest.find(' ');
        const fs::path p = rest.substr(0, sp);
        REQUIRE(fs::exists(p));
        CHECK_THAT(read_file(p), Catch::Contains(rest.substr(sp + 1)));
      } else {
        FAIL("unknown directive '" << word << "'");
      }
    }
    finish_step();
    REQUIRE(ran);
    passed_ = true;
  }

 private:
  void check_exit(int expected, int line_no) {
    INFO("stdout:\n"
         << out_.out << "\nstderr:\n"
         << out_.err << "\n(before line " << line_no << ")");
    CHECK(out_.exit == expected);
  }

  void check_json(const std::string& word, const std::string& rest) {
    nlohmann::json doc;
    try {
      doc = nlohmann::json::parse(out_.out);
    } catch (const std::exception& e) {
      FAIL("stdout is not JSON: " << e.what() << "\n" << out_.out);
    }
    const auto sp = rest.find(' ');
    // `/` names the whole document (JSON Pointer spells that as the empty string).
    const std::string path = rest.substr(0, sp);
    const nlohmann::json::json_pointer ptr(path == "/" ? "" : path);
    INFO("JSON: " << doc.dump());
    REQUIRE(doc.contains(ptr));
    if (word == "json-eq") {
      CHECK(doc.at(ptr) == nlohmann::json::parse(rest.substr(sp + 1)));
    } else if (word == "json-size") {
      CHECK(doc.at(ptr).size() == std::stoul(rest.substr(sp + 1)));
    }
  }

  RunOutput execute(std::vector<std::string> args) {
    REQUIRE(!args.empty());
    REQUIRE(args.front() == "stride");
    args.front() = env_or("STRIDE_BIN", STRIDE_E2E_BIN);
    std::string cmd = "cd " + shell_quote(tmp_.string()) + " && env";
    for (const auto& [k, v] : env_) cmd += " " + shell_quote(k + "=" + v);
    for (const auto& a : args) cmd += " " + shell_quote(a);
    return run_captured(std::move(cmd), tmp_);
  }

  fs::path file_;
  fs::path tmp_;
  std::map<std::string, std::string> vars_;
  std::map<std::string, std::string> env_;
  RunOutput out_;
  bool passed_ = false;
};

/// Runs one case file; the Catch2 test registered for it.
class CaseInvoker : public Catch::ITestInvoker {
 public:
  explicit CaseInvoker(fs::path file) : file_(std::move(file)) {}
  void invoke() const override { CaseRunner(file_).run(); }

 private:
  fs::path file_;
};

std::string case_tags(const fs::path& file) {
  std::ifstream in(file);
  std::string line, tags = "[e2e]";
  while (std::getline(in, line))
    if (line.rfind("tags ", 0) == 0) tags += line.substr(5);
  return tags;
}

/// Registers one Catch2 test per case file at start-up. The folder is compiled
/// in (STRIDE_E2E_CASES) because test discovery runs without the test environment.
struct RegisterCases {
  RegisterCases() {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(STRIDE_E2E_CASES, ec))
      if (e.path().extension() == ".test") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    static std::deque<std::string> strings;  // Catch keeps StringRefs to these
    for (const auto& f : files) {
      strings.push_back("cli: " + f.stem().string());
      const std::string& name = strings.back();
      strings.push_back(case_tags(f));
      const std::string& tags = strings.back();
      Catch::AutoReg(new CaseInvoker(f), CATCH_INTERNAL_LINEINFO, "",
                     Catch::NameAndTags{name, tags});
    }
  }
};
const RegisterCases kRegisterCases;

}  // namespace
