#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/rules.hpp"
#include "report/detail.hpp"
#include "report/report.hpp"

namespace stride::report {

namespace {

using detail::in_units;

constexpr std::string_view kHard = "\x1b[31m";
constexpr std::string_view kOther = "\x1b[32m";
constexpr std::string_view kAlert = "\x1b[33m";
constexpr std::string_view kPlan = "\x1b[36m";
constexpr std::string_view kReset = "\x1b[0m";

// The columns after the bar: " km" 7, " longest" 8, " 1.10x!" 8, " rest" 5.
constexpr int kLeft = 12;
constexpr int kRight = 28;

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string paint(std::string_view code, std::string_view text) const {
    if (!color_ || text.empty()) return std::string(text);
    return fmt::format("{}{}{}", code, text, kReset);
  }

 private:
  bool color_;
};

int chars_for(double metres, double scale_m, int width) {
  if (metres <= 0 || scale_m <= 0) return 0;
  return std::max(1, static_cast<int>(std::lround(metres / scale_m * width)));
}

// Words joined with ", " and wrapped at `width`, each line starting with `indent`.
std::string wrap(const std::vector<std::string>& words, std::string_view first_prefix,
                 std::string_view indent, int width, const Painter& painter) {
  std::string out;
  std::string line(first_prefix);
  bool line_has_word = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string word = words[i] + (i + 1 < words.size() ? "," : "");
    const std::size_t extra = word.size() + (line_has_word ? 1 : 0);
    if (line_has_word && line.size() + extra > static_cast<std::size_t>(width)) {
      out += painter.paint(kAlert, line) + "\n";
      line = std::string(indent);
      line_has_word = false;
    }
    if (line_has_word) line += ' ';
    line += word;
    line_has_word = true;
  }
  out += painter.paint(kAlert, line) + "\n";
  return out;
}

// Per week, running time at RPE <= 4 against RPE >= 5, as one bar of the
// week's running time, and where the RPEs came from.
std::string intensity_split(const ReportData& data, int width, const Painter& painter) {
  const int bar_width = width - kLeft - 20;
  double scale_s = 0;
  for (const auto& w : data.weeks) scale_s = std::max(scale_s, w.run_easy_s + w.run_hard_s);
  std::string out = "\nIntensity: running time at RPE <= 4 (easy) and >= 5 (hard)\n";
  out += fmt::format("{:<{}}{} easy  {} hard\n", "", kLeft, painter.paint(kOther, "-"),
                     painter.paint(kHard, "+"));
  for (const auto& w : data.weeks) {
    const double total_s = w.run_easy_s + w.run_hard_s;
    const int total = chars_for(total_s * 1000, scale_s * 1000, bar_width);
    const int hard = std::min(total, chars_for(w.run_hard_s * 1000, scale_s * 1000, bar_width));
    const std::string bar = painter.paint(kOther, std::string(total - hard, '-')) +
                            painter.paint(kHard, std::string(hard, '+'));
    const std::string share =
        total_s > 0 ? fmt::format("{:.0f} % easy", w.run_easy_s / total_s * 100) : "-";
    out += fmt::format("{:<{}}{}{:<{}}{:>8} {:>11}\n", detail::iso(w.start), kLeft, bar, "",
                       bar_width - total, engine::format_duration(total_s), share);
  }
  const auto& c = data.load_sources_28d;
  if (c.sessions > 0) {
    std::vector<std::string> parts;
    for (auto source : {engine::LoadSource::kind, engine::LoadSource::hr, engine::LoadSource::pace,
                        engine::LoadSource::sport_default}) {
      if (c.count(source) > 0)
        parts.push_back(fmt::format("{} {}", engine::to_string(source), c.count(source)));
    }
    std::string joined;
    for (const auto& p : parts) joined += (joined.empty() ? "" : ", ") + p;
    out += fmt::format("RPE estimated: {} of {} sessions in 28 days\n", c.estimated(), c.sessions);
    if (!joined.empty()) out += "  from " + joined + "\n";
  }
  return out;
}

}  // namespace

std::string render_terminal(const ReportData& data, const TerminalOptions& options) {
  const int width = std::max(options.width, 60);
  const int bar_width = width - kLeft - kRight;
  const Painter painter(options.color);
  const auto units = data.units;
  const char* unit = detail::unit_name(units);

  double scale_m = 0;
  for (const auto& w : data.weeks) scale_m = std::max(scale_m, w.run_m);
  for (const auto& p : data.planned) scale_m = std::max(scale_m, p.run_m);

  std::string out;
  out += fmt::format("Running, {} weeks to {} ({})\n", data.weeks.size(), detail::iso(data.last),
                     unit);
  out += fmt::format("{:<{}}{} hard surface  {} other\n", "", kLeft, painter.paint(kHard, "#"),
                     painter.paint(kOther, "="));
  const std::string limit_head = fmt::format("{:.2f}x", data.single_run_caution_ratio);
  out += fmt::format("{:<{}}{:<{}}{:>7}{:>8}{:>8}{:>5}\n", "week of", kLeft, "distance", bar_width,
                     unit, "longest", limit_head, "rest");

  bool any_over = false;
  for (const auto& w : data.weeks) {
    const int total = chars_for(w.run_m, scale_m, bar_width);
    const int hard = std::min(total, chars_for(w.hard_m, scale_m, bar_width));
    const std::string bar = painter.paint(kHard, std::string(hard, '#')) +
                            painter.paint(kOther, std::string(total - hard, '='));
    const std::string longest =
        w.longest_date ? fmt::format("{:.1f}", in_units(w.longest_m, units)) : "-";
    std::string limit = "-";
    bool over = false;
    if (w.longest_limit_m) {
      limit = fmt::format("{:.1f}", in_units(*w.longest_limit_m, units));
      over = w.longest_m > *w.longest_limit_m + engine::kTolerance;
    }
    any_over = any_over || over;
    const std::string rest =
        w.days == 7 ? fmt::format("{}", w.rest_days) : fmt::format("{}/{}", w.rest_days, w.days);
    out += fmt::format("{:<{}}{}{:<{}}{:>7.1f}{:>8}{:>7}{}{:>5}\n", detail::iso(w.start), kLeft,
                       bar, "", bar_width - total, in_units(w.run_m, units), longest, limit,
                       over ? painter.paint(kAlert, "!") : " ", rest);
    if (!w.rules.empty()) {
      std::vector<std::string> names;
      for (auto id : w.rules) names.emplace_back(engine::to_string(id));
      out += wrap(names, std::string(kLeft, ' ') + "fired: ", std::string(kLeft + 7, ' '), width,
                  painter);
    }
  }
  for (const auto& p : data.planned) {
    const int total = chars_for(p.run_m, scale_m, bar_width);
    const std::string note =
        fmt::format("plan, {} run day{}", p.run_days, p.run_days == 1 ? "" : "s");
    out += fmt::format("{:<{}}{}{:<{}}{:>7.1f}  {}\n", detail::iso(p.start), kLeft,
                       painter.paint(kPlan, std::string(total, ':')), "", bar_width - total,
                       in_units(p.run_m, units), note);
  }
  // Kept under 60 columns, the narrowest width allowed.
  out += "longest: each week's longest run\n";
  out += fmt::format("{0}: {1} x the longest run of the 30 days before it\n", limit_head,
                     fmt::format("{:.2f}", data.single_run_caution_ratio));
  out += fmt::format("rest: rest days{}{}\n", any_over ? "; ! above the line" : "",
                     data.planned.empty() ? "" : "; : planned weeks");
  out += intensity_split(data, width, painter);
  return out;
}

}  // namespace stride::report
