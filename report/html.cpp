#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "engine/rules.hpp"
#include "report/detail.hpp"
#include "report/report.hpp"

namespace stride::report {

namespace {

using date::days;
using detail::in_units;
using detail::iso;

std::string esc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string num(double value, int decimals = 1) { return fmt::format("{:.{}f}", value, decimals); }

// Plot area of every chart: a 800-wide viewBox, scaled to the page by CSS.
constexpr double kWidth = 800;
constexpr double kLeft = 56;
constexpr double kRight = 12;
constexpr double kTop = 16;
constexpr double kBottom = 34;

struct Frame {
  double height = 260;
  double y_min = 0;
  double y_max = 1;

  double plot_bottom() const { return height - kBottom; }
  double y(double value) const {
    const double span = y_max > y_min ? y_max - y_min : 1;
    return plot_bottom() - (value - y_min) / span * (plot_bottom() - kTop);
  }
};

// A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten.
double nice_ceiling(double value) {
  if (value <= 0) return 1;
  const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
  for (double step : {1.0, 2.0, 2.5, 4.0, 5.0, 10.0}) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

std::string svg_open(std::string_view id, const Frame& frame, std::string_view title,
                     std::string_view desc) {
  return fmt::format(
      "<svg id=\"{0}\" viewBox=\"0 0 {1} {2}\" role=\"img\" "
      "aria-labelledby=\"{0}-title {0}-desc\" preserveAspectRatio=\"xMidYMid meet\">\n"
      "<title id=\"{0}-title\">{3}</title>\n<desc id=\"{0}-desc\">{4}</desc>\n",
      id, num(kWidth, 0), num(frame.height, 0), esc(title), esc(desc));
}

// Horizontal grid lines with their values on the left.
std::string y_axis(const Frame& frame, int decimals, std::string_view label) {
  // 4, 5 or 2 steps of 1, 2, 2.5 or 5 x 10^n, written exactly at `decimals`.
  const double scale = std::pow(10.0, decimals);
  int ticks = 4;
  for (int candidate : {4, 5, 2}) {
    const double step = (frame.y_max - frame.y_min) / candidate;
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
    const bool round_step = std::abs(step * scale - std::round(step * scale)) < 1e-9;
    const bool nice_step = std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
                           std::abs(mantissa - 2.5) < 1e-9 || std::abs(mantissa - 5) < 1e-9;
    if (round_step && nice_step) {
      ticks = candidate;
      break;
    }
  }
  std::string out = "<g class=\"axis\" aria-hidden=\"true\">\n";
  for (int i = 0; i <= ticks; ++i) {
    const double v = frame.y_min + (frame.y_max - frame.y_min) * i / ticks;
    const double y = frame.y(v);
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
        "<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
        num(kLeft), num(kWidth - kRight), num(y), num(kLeft - 6), num(y + 4), num(v, decimals));
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"start\">{}</text>\n", num(4),
                     num(kTop - 4), esc(label));
  out += "</g>\n";
  return out;
}

// `alt`: every second label, hidden on narrow screens where the text grows.
std::string x_label(double x, double y, std::string_view text, bool alt) {
  return fmt::format(
      "<text class=\"xlabel{}\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
      alt ? " alt" : "", num(x), num(y), esc(text));
}

std::string table(std::string_view caption, const std::vector<std::string>& head,
                  const std::vector<std::vector<std::string>>& rows) {
  std::string out = "<details><summary>Data table</summary>\n<div class=\"table-wrap\"><table>";
  out += fmt::format("<caption>{}</caption>\n<thead><tr>", esc(caption));
  for (const auto& h : head) out += fmt::format("<th scope=\"col\">{}</th>", esc(h));
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& cell : row) out += fmt::format("<td>{}</td>", esc(cell));
    out += "</tr>\n";
  }
  out += "</tbody></table></div></details>\n";
  return out;
}

// x of day `d` in a chart covering [first, last], at the middle of the day's slot.
struct DayAxis {
  Day first{};
  int count = 1;
  double slot() const { return (kWidth - kLeft - kRight) / count; }
  double x(Day d) const {
    return kLeft + (static_cast<double>((d - first).count()) + 0.5) * slot();
  }
};

std::string day_ticks(const DayAxis& axis, const Frame& frame) {
  // A label on each Monday, thinned so they never overlap.
  std::string out = "<g class=\"axis\" aria-hidden=\"true\">\n";
  const int step_weeks = std::max(1, static_cast<int>(std::ceil(48.0 / (axis.slot() * 7))));
  int week = 0;
  for (int i = 0; i < axis.count; ++i) {
    const Day d = axis.first + days{i};
    if (date::weekday{d} != date::Monday) continue;
    if (week++ % step_weeks != 0) continue;
    out += x_label(axis.x(d), frame.plot_bottom() + 16, detail::short_date(d),
                   (week - 1) / step_weeks % 2 == 1);
  }
  out += "</g>\n";
  return out;
}

std::string weekly_charts(const ReportData& data) {
  const char* unit = detail::unit_name(data.units);
  const auto& units = data.units;
  const std::size_t slots = data.weeks.size() + data.planned.size();
  double max_m = 0;
  double max_s = 0;
  for (const auto& w : data.weeks) {
    max_m = std::max(max_m, w.run_m);
    max_s = std::max(max_s, w.run_s);
  }
  for (const auto& p : data.planned) max_m = std::max(max_m, p.run_m);
  const double slot =
      (kWidth - kLeft - kRight) / static_cast<double>(std::max<std::size_t>(slots, 1));
  const double bar = slot * 0.7;
  const int label_step = std::max(1, static_cast<int>(std::ceil(48.0 / slot)));

  std::string out;
  // Distance, split by surface, with the plan's weeks after the history.
  Frame frame;
  frame.y_max = nice_ceiling(in_units(max_m, units));
  out += "<section aria-labelledby=\"h-weekly\">\n<h2 id=\"h-weekly\">Weekly running</h2>\n";
  out += "<figure>\n";
  out += svg_open("weekly-distance", frame, fmt::format("Weekly running distance ({})", unit),
                  fmt::format("Bars per calendar week: hard surface hatched at the bottom, other "
                              "surfaces solid above it{}.",
                              data.planned.empty() ? ""
                                                   : "; the active plan's weeks follow as "
                                                     "dotted outlined bars"));
  out += y_axis(frame, 0, unit);
  for (std::size_t i = 0; i < data.weeks.size(); ++i) {
    const auto& w = data.weeks[i];
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar) / 2;
    const double hard_top = frame.y(in_units(w.hard_m, units));
    const double total_top = frame.y(in_units(w.run_m, units));
    const std::string tip = fmt::format(
        "Week of {}: {} {} ({} hard, {} other)", iso(w.start), num(in_units(w.run_m, units)), unit,
        num(in_units(w.hard_m, units)), num(in_units(w.other_m(), units)));
    if (w.hard_m > 0) {
      out += fmt::format(
          "<rect class=\"bar-hard\" x=\"{}\" y=\"{}\" width=\"{}\" "
          "height=\"{}\"><title>{}</title></rect>\n",
          num(x), num(hard_top), num(bar), num(frame.plot_bottom() - hard_top), esc(tip));
    }
    if (w.other_m() > 0) {
      out += fmt::format(
          "<rect class=\"bar-other\" x=\"{}\" y=\"{}\" width=\"{}\" "
          "height=\"{}\"><title>{}</title></rect>\n",
          num(x), num(total_top), num(bar), num(hard_top - total_top), esc(tip));
    }
    if (i % label_step == 0) {
      out += x_label(x + bar / 2, frame.plot_bottom() + 16, detail::short_date(w.start),
                     i / label_step % 2 == 1);
    }
  }
  for (std::size_t j = 0; j < data.planned.size(); ++j) {
    const auto& p = data.planned[j];
    const std::size_t i = data.weeks.size() + j;
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar) / 2;
    const double top = frame.y(in_units(p.run_m, units));
    out += fmt::format(
        "<rect class=\"bar-planned\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>Planned, "
        "week of {}: {} {}</title></rect>\n",
        num(x), num(top), num(bar), num(frame.plot_bottom() - top), iso(p.start),
        num(in_units(p.run_m, units)), unit);
    if (i % label_step == 0) {
      out += x_label(x + bar / 2, frame.plot_bottom() + 16, detail::short_date(p.start),
                     i / label_step % 2 == 1);
    }
  }
  if (!data.planned.empty()) {
    const double x = kLeft + slot * static_cast<double>(data.weeks.size());
    out += fmt::format(
        "<line class=\"divider\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
        "<text class=\"note\" x=\"{3}\" y=\"{4}\">plan</text>\n",
        num(x), num(kTop), num(frame.plot_bottom()), num(x + 4), num(kTop + 10));
  }
  out += "</svg>\n";
  out +=
      "<figcaption><span class=\"key key-hard\"></span> hard surface "
      "<span class=\"key key-other\"></span> other surfaces";
  if (!data.planned.empty()) out += " <span class=\"key key-planned\"></span> planned";
  out += "</figcaption>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& w : data.weeks) {
    rows.push_back({iso(w.start), num(in_units(w.run_m, units)), num(in_units(w.hard_m, units)),
                    num(in_units(w.other_m(), units)), engine::format_duration(w.run_s),
                    std::to_string(w.run_count), std::to_string(w.rest_days)});
  }
  for (const auto& p : data.planned) {
    rows.push_back({iso(p.start) + " (planned)", num(in_units(p.run_m, units)), "", "", "",
                    std::to_string(p.run_days), ""});
  }
  out += table("Weekly running",
               {"week of", fmt::format("distance ({})", unit), fmt::format("hard ({})", unit),
                fmt::format("other ({})", unit), "time", "runs", "rest days"},
               rows);
  out += "</figure>\n";

  // Time.
  Frame time_frame;
  time_frame.height = 200;
  time_frame.y_max = nice_ceiling(max_s / 3600.0);
  out += "<figure>\n";
  out += svg_open("weekly-time", time_frame, "Weekly running time (hours)",
                  "One bar per calendar week: running time in hours.");
  out += y_axis(time_frame, 1, "h");
  for (std::size_t i = 0; i < data.weeks.size(); ++i) {
    const auto& w = data.weeks[i];
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar) / 2;
    if (w.run_s > 0) {
      const double top = time_frame.y(w.run_s / 3600.0);
      out += fmt::format(
          "<rect class=\"bar-time\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>Week of "
          "{}: {}</title></rect>\n",
          num(x), num(top), num(bar), num(time_frame.plot_bottom() - top), iso(w.start),
          engine::format_duration(w.run_s));
    }
    if (i % label_step == 0) {
      out += x_label(x + bar / 2, time_frame.plot_bottom() + 16, detail::short_date(w.start),
                     i / label_step % 2 == 1);
    }
  }
  out += "</svg>\n<figcaption>Running time per week.</figcaption>\n";
  std::vector<std::vector<std::string>> time_rows;
  for (const auto& w : data.weeks) {
    time_rows.push_back({iso(w.start), engine::format_duration(w.run_s), num(w.run_s / 3600.0, 2)});
  }
  out += table("Weekly running time", {"week of", "time", "hours"}, time_rows);
  out += "</figure>\n</section>\n";
  return out;
}

// Per week, running time at RPE <= 4 (easy) below RPE >= 5 (hard): the
// intensity split (LOAD-SCIENCE.md "Load units": context, not an alarm).
std::string intensity_chart(const ReportData& data) {
  const std::size_t slots = std::max<std::size_t>(data.weeks.size(), 1);
  const double slot = (kWidth - kLeft - kRight) / static_cast<double>(slots);
  const double bar = slot * 0.7;
  const int label_step = std::max(1, static_cast<int>(std::ceil(48.0 / slot)));
  double max_s = 0;
  for (const auto& w : data.weeks) max_s = std::max(max_s, w.run_easy_s + w.run_hard_s);
  Frame frame;
  frame.height = 200;
  frame.y_max = nice_ceiling(max_s / 3600.0);
  std::string out =
      "<section aria-labelledby=\"h-intensity\">\n<h2 id=\"h-intensity\">Easy and hard "
      "running</h2>\n<figure>\n";
  out += svg_open("intensity", frame, "Weekly running time by intensity (hours)",
                  "Bars per calendar week: running time at RPE 4 or less (easy) solid at the "
                  "bottom, at RPE 5 or more (hard) hatched above it.");
  out += y_axis(frame, 1, "h");
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < data.weeks.size(); ++i) {
    const auto& w = data.weeks[i];
    const double total_s = w.run_easy_s + w.run_hard_s;
    const double x = kLeft + slot * static_cast<double>(i) + (slot - bar) / 2;
    const double easy_top = frame.y(w.run_easy_s / 3600.0);
    const double total_top = frame.y(total_s / 3600.0);
    const std::string share =
        total_s > 0 ? fmt::format("{:.0f} %", w.run_easy_s / total_s * 100) : "-";
    const std::string tip = fmt::format("Week of {}: {} easy, {} hard ({} easy)", iso(w.start),
                                        engine::format_duration(w.run_easy_s),
                                        engine::format_duration(w.run_hard_s), share);
    if (w.run_easy_s > 0) {
      out += fmt::format(
          "<rect class=\"bar-easy\" x=\"{}\" y=\"{}\" width=\"{}\" "
          "height=\"{}\"><title>{}</title></rect>\n",
          num(x), num(easy_top), num(bar), num(frame.plot_bottom() - easy_top), esc(tip));
    }
    if (w.run_hard_s > 0) {
      out += fmt::format(
          "<rect class=\"bar-intense\" x=\"{}\" y=\"{}\" width=\"{}\" "
          "height=\"{}\"><title>{}</title></rect>\n",
          num(x), num(total_top), num(bar), num(easy_top - total_top), esc(tip));
    }
    if (i % label_step == 0) {
      out += x_label(x + bar / 2, frame.plot_bottom() + 16, detail::short_date(w.start),
                     i / label_step % 2 == 1);
    }
    rows.push_back({iso(w.start), engine::format_duration(w.run_easy_s),
                    engine::format_duration(w.run_hard_s), share});
  }
  out += "</svg>\n";
  const auto& c = data.load_sources_28d;
  std::string sources;
  for (auto source : {engine::LoadSource::kind, engine::LoadSource::hr, engine::LoadSource::pace,
                      engine::LoadSource::sport_default}) {
    if (c.count(source) == 0) continue;
    sources += fmt::format("{}{} {}", sources.empty() ? "" : ", ", esc(engine::to_string(source)),
                           c.count(source));
  }
  out += fmt::format(
      "<figcaption><span class=\"key key-easy\"></span> easy (RPE 4 or less) "
      "<span class=\"key key-intense\"></span> hard (RPE 5 or more). RPE estimated for {} of {} "
      "sessions in the last 28 days{}.</figcaption>\n",
      c.estimated(), c.sessions, sources.empty() ? "" : " (" + sources + ")");
  out += table("Easy and hard running", {"week of", "easy", "hard", "easy share"}, rows);
  out += "</figure>\n</section>\n";
  return out;
}

std::string polyline(std::string_view cls, const std::vector<std::pair<double, double>>& points) {
  std::string pts;
  for (const auto& [x, y] : points)
    pts += fmt::format("{}{},{}", pts.empty() ? "" : " ", num(x), num(y));
  return fmt::format("<polyline class=\"{}\" points=\"{}\"/>\n", cls, pts);
}

std::string load_chart(const ReportData& data) {
  const DayAxis axis{data.first, static_cast<int>(data.load.size())};
  Frame frame;
  double lo = 0;
  double hi = 0;
  for (const auto& p : data.load) {
    hi = std::max({hi, p.session_load, p.fitness, p.fatigue, p.form});
    lo = std::min(lo, p.form);
  }
  frame.y_max = nice_ceiling(hi);
  frame.y_min = lo < 0 ? -nice_ceiling(-lo) : 0;
  std::string out;
  out +=
      "<section aria-labelledby=\"h-load\">\n<h2 id=\"h-load\">Daily load, fitness, fatigue "
      "and form</h2>\n<figure>\n";
  out += svg_open("daily-load", frame, "Daily session load with fitness, fatigue and form",
                  "Bars: each day's session load (RPE times minutes, else running minutes). "
                  "Lines: fitness (42-day average, solid), fatigue (7-day average, dashed) and "
                  "form (fitness minus fatigue, dotted).");
  out += y_axis(frame, 0, "load");
  out += day_ticks(axis, frame);
  const double bar = std::max(axis.slot() * 0.6, 1.0);
  std::vector<std::pair<double, double>> fitness, fatigue, form;
  for (const auto& p : data.load) {
    const double x = axis.x(p.date);
    if (p.session_load > 0) {
      const double top = frame.y(p.session_load);
      out += fmt::format(
          "<rect class=\"bar-load\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: load "
          "{}</title></rect>\n",
          num(x - bar / 2), num(top), num(bar), num(frame.y(0) - top), iso(p.date),
          num(p.session_load, 0));
    }
    fitness.emplace_back(x, frame.y(p.fitness));
    fatigue.emplace_back(x, frame.y(p.fatigue));
    form.emplace_back(x, frame.y(p.form));
  }
  if (frame.y_min < 0) {
    out += fmt::format("<line class=\"zero\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n",
                       num(kLeft), num(kWidth - kRight), num(frame.y(0)));
  }
  out += polyline("line-fitness", fitness);
  out += polyline("line-fatigue", fatigue);
  out += polyline("line-form", form);
  out +=
      "</svg>\n<figcaption><span class=\"key key-load\"></span> session load "
      "<span class=\"key key-fitness\"></span> fitness (solid) "
      "<span class=\"key key-fatigue\"></span> fatigue (dashed) "
      "<span class=\"key key-form\"></span> form (dotted)</figcaption>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : data.load) {
    rows.push_back({iso(p.date), num(in_units(p.run_m, data.units)), num(p.session_load, 0),
                    num(p.fitness), num(p.fatigue), num(p.form)});
  }
  out += table("Daily load",
               {"day", fmt::format("run ({})", detail::unit_name(data.units)), "session load",
                "fitness", "fatigue", "form"},
               rows);
  out += "</figure>\n</section>\n";
  return out;
}

std::string ratio_chart(const ReportData& data) {
  const DayAxis axis{data.first, static_cast<int>(data.ratios.size())};
  Frame frame;
  frame.height = 220;
  double hi = 2.0;
  for (const auto& r : data.ratios) {
    if (r.acwr_distance) hi = std::max(hi, *r.acwr_distance);
  }
  frame.y_max = nice_ceiling(hi);
  std::string out;
  out +=
      "<section aria-labelledby=\"h-acwr\">\n<h2 id=\"h-acwr\">Acute:chronic ratio "
      "(context)</h2>\n";
  out +=
      "<p class=\"caveat\">The ratio divides the last 7 days' running distance by the mean "
      "week of the 3 weeks before. Its 0.8–1.3 band comes from team sports; in runners higher "
      "ratios have not gone with more injuries, and the ratio adds little over the weekly "
      "distance itself. It is context, not a risk percentage, and no warning is based on "
      "it.</p>\n<figure>\n";
  out += svg_open("acwr", frame, "Acute:chronic distance ratio per day",
                  "One dot per day where the ratio exists (it needs running in the 3 weeks "
                  "before the last 7 days); the shaded band marks 0.8 to 1.3, the team-sport "
                  "range.");
  out += y_axis(frame, 1, "ratio");
  out += day_ticks(axis, frame);
  out += fmt::format(
      "<rect class=\"band-team\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
      "<text class=\"note\" x=\"{}\" y=\"{}\" text-anchor=\"end\">0.8–1.3 (team sports)</text>\n",
      num(kLeft), num(frame.y(1.3)), num(kWidth - kLeft - kRight), num(frame.y(0.8) - frame.y(1.3)),
      num(kWidth - kRight - 4), num(frame.y(1.3) - 4));
  std::vector<std::pair<double, double>> run;
  auto flush = [&] {
    if (run.size() > 1) out += polyline("line-acwr", run);
    run.clear();
  };
  std::string dots;
  int with_value = 0;
  for (const auto& r : data.ratios) {
    if (!r.acwr_distance) {
      flush();
      continue;
    }
    ++with_value;
    const double x = axis.x(r.date);
    const double y = frame.y(*r.acwr_distance);
    run.emplace_back(x, y);
    dots += fmt::format(
        "<circle class=\"point-acwr\" cx=\"{}\" cy=\"{}\" r=\"2.5\"><title>{}: "
        "{}</title></circle>\n",
        num(x), num(y), iso(r.date), num(*r.acwr_distance, 2));
  }
  flush();
  out += dots;
  if (with_value == 0) {
    out += fmt::format(
        "<text class=\"note\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">Not enough "
        "history for a ratio yet</text>\n",
        num(kWidth / 2), num(frame.height / 2));
  }
  out += "</svg>\n<figcaption>Dots: the ratio on each day; shaded: 0.8–1.3.</figcaption>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : data.ratios) {
    rows.push_back({iso(r.date), r.acwr_distance ? num(*r.acwr_distance, 2) : "–",
                    r.acwr_load ? num(*r.acwr_load, 2) : "–"});
  }
  out += table("Acute:chronic ratio", {"day", "distance ratio", "load ratio"}, rows);
  out += "</figure>\n</section>\n";
  return out;
}

std::string spike_chart(const ReportData& data) {
  const DayAxis axis{data.first, static_cast<int>((data.last - data.first).count()) + 1};
  const double caution = data.single_run_caution_ratio;
  const double danger = data.single_run_danger_ratio;
  Frame frame;
  double hi = danger * 1.1;
  for (const auto& s : data.spikes) {
    if (s.ratio) hi = std::max(hi, *s.ratio);
  }
  frame.y_max = nice_ceiling(hi);
  std::string out;
  out +=
      "<section aria-labelledby=\"h-spike\">\n<h2 id=\"h-spike\">Each run against the longest "
      "of the 30 days before</h2>\n<figure>\n";
  out += svg_open(
      "spikes", frame, "Single-run spike ratio per run",
      fmt::format("One dot per run: its distance divided by the longest run of the 30 days "
                  "before. At or under {0} is quiet; above {0} single-run-spike fires (caution); "
                  "above {1} it is danger. Runs above {0} carry their ratio as a label.",
                  num(caution, 2), num(danger, 2)));
  out += y_axis(frame, 1, "ratio");
  out += day_ticks(axis, frame);
  const double band_w = kWidth - kLeft - kRight;
  out += fmt::format(
      "<rect class=\"band-caution\" x=\"{0}\" y=\"{1}\" width=\"{2}\" height=\"{3}\"/>\n"
      "<rect class=\"band-danger\" x=\"{0}\" y=\"{4}\" width=\"{2}\" height=\"{5}\"/>\n",
      num(kLeft), num(frame.y(danger)), num(band_w), num(frame.y(caution) - frame.y(danger)),
      num(frame.y(frame.y_max)), num(frame.y(danger) - frame.y(frame.y_max)));
  for (double level : {caution, danger}) {
    out += fmt::format(
        "<line class=\"threshold\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
        "<text class=\"note\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}×</text>\n",
        num(kLeft), num(kWidth - kRight), num(frame.y(level)), num(kWidth - kRight - 4),
        num(frame.y(level) - 4), num(level, 2));
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : data.spikes) {
    const std::string dist = num(in_units(s.distance_m, data.units));
    rows.push_back({iso(s.date), dist, num(in_units(s.previous_longest_m, data.units)),
                    s.ratio ? num(*s.ratio, 2) : "–"});
    if (!s.ratio) continue;
    const double x = axis.x(s.date);
    const double y = frame.y(*s.ratio);
    const bool over = *s.ratio > caution + engine::kTolerance;
    const bool worse = *s.ratio > danger + engine::kTolerance;
    out += fmt::format(
        "<circle class=\"point-spike {}\" cx=\"{}\" cy=\"{}\" r=\"4\"><title>{}: {} {}, ratio "
        "{}</title></circle>\n",
        worse  ? "danger"
        : over ? "caution"
               : "quiet",
        num(x), num(y), iso(s.date), dist, detail::unit_name(data.units), num(*s.ratio, 2));
    if (over) {
      out += fmt::format(
          "<text class=\"spike-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}"
          "</text>\n",
          num(x), num(y - 7), num(*s.ratio, 2));
    }
  }
  out += "</svg>\n<figcaption>Shaded: above " + num(caution, 2) + "× (caution) and above " +
         num(danger, 2) +
         "× (danger). Runs with no run in the 30 days before have no ratio and "
         "appear only in the table.</figcaption>\n";
  const char* unit = detail::unit_name(data.units);
  out += table("Runs",
               {"day", fmt::format("distance ({})", unit),
                fmt::format("longest of 30 days before ({})", unit), "ratio"},
               rows);
  out += "</figure>\n</section>\n";
  return out;
}

std::string warning_chart(const ReportData& data) {
  const DayAxis axis{data.first, static_cast<int>((data.last - data.first).count()) + 1};
  Frame frame;
  frame.height = 150;
  std::string out;
  out +=
      "<section aria-labelledby=\"h-warnings\">\n<h2 id=\"h-warnings\">Warnings</h2>\n"
      "<figure>\n";
  std::size_t total = 0;
  // On the timeline: the alarms as `warnings` lists them, and each context
  // note where it starts.
  auto marks = [](const engine::DayWarnings& d) {
    std::vector<engine::Warning> out = d.warnings;
    for (const auto& c : d.context)
      if (c.started) out.push_back(c.note);
    return out;
  };
  for (const auto& d : data.warnings) total += marks(d).size();
  out += svg_open("warnings", frame, "Warnings timeline",
                  fmt::format("One mark per warning on the day of the run it was given for, "
                              "{} in all: squares for danger (top row), triangles for caution "
                              "(middle row), circles for info (bottom row).",
                              total));
  out += day_ticks(axis, frame);
  const std::array<std::pair<engine::Severity, const char*>, 3> rows_by_severity{
      {{engine::Severity::danger, "danger"},
       {engine::Severity::caution, "caution"},
       {engine::Severity::info, "info"}}};
  const double row_h = (frame.plot_bottom() - kTop) / 3;
  for (std::size_t r = 0; r < rows_by_severity.size(); ++r) {
    const double y = kTop + row_h * (static_cast<double>(r) + 0.5);
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
        "<text class=\"axis-text\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
        num(kLeft), num(kWidth - kRight), num(y), num(kLeft - 6), num(y + 4),
        rows_by_severity[r].second);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& day : data.warnings) {
    // Several warnings of one severity on a day stack sideways.
    std::array<int, 3> seen{};
    for (const auto& w : marks(day)) {
      std::size_t r = 0;
      while (rows_by_severity[r].first != w.severity) ++r;
      const double x = axis.x(day.date) + seen[r]++ * 5.0;
      const double y = kTop + row_h * (static_cast<double>(r) + 0.5);
      const std::string tip =
          fmt::format("{}: {} ({}): {}", iso(day.date), engine::to_string(w.rule),
                      engine::to_string(w.severity), w.reason);
      std::string shape;
      if (w.severity == engine::Severity::danger) {
        shape = fmt::format("M{} {}h10v10h-10z", num(x - 5), num(y - 5));
      } else if (w.severity == engine::Severity::caution) {
        shape = fmt::format("M{} {}l6 10h-12z", num(x), num(y - 6));
      } else {
        shape = fmt::format("M{} {}a4 4 0 1 0 8 0a4 4 0 1 0 -8 0z", num(x - 4), num(y));
      }
      out += fmt::format("<path class=\"mark-warning {}\" d=\"{}\"><title>{}</title></path>\n",
                         rows_by_severity[r].second, shape, esc(tip));
      rows.push_back({iso(day.date), std::string(engine::to_string(w.rule)),
                      std::string(engine::to_string(w.severity)), w.reason});
    }
  }
  if (total == 0) {
    out += fmt::format(
        "<text class=\"note\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">No "
        "warnings in these weeks</text>\n",
        num(kWidth / 2), num(frame.height / 2));
  }
  out += "</svg>\n<figcaption>Squares: danger; triangles: caution; circles: info.</figcaption>\n";
  out += table("Warnings", {"day", "rule", "severity", "reason"}, rows);
  out += "</figure>\n</section>\n";
  return out;
}

std::string shoe_chart(const ReportData& data) {
  std::string out = "<section aria-labelledby=\"h-shoes\">\n<h2 id=\"h-shoes\">Shoes</h2>\n";
  if (data.shoes.empty()) {
    return out + "<p>No run names a shoe.</p>\n</section>\n";
  }
  const char* unit = detail::unit_name(data.units);
  const double row_h = 34;
  Frame frame;
  frame.height = kTop + row_h * static_cast<double>(data.shoes.size()) + kBottom;
  double hi = 0;
  for (const auto& s : data.shoes) hi = std::max({hi, s.distance_m, s.retirement_m});
  const double max_u = nice_ceiling(in_units(hi, data.units));
  const double left = 150;
  const auto x = [&](double metres) {
    return left + in_units(metres, data.units) / max_u * (kWidth - left - kRight);
  };
  out += "<figure>\n";
  out += svg_open("shoes", frame, "Distance per shoe",
                  "One bar per shoe: the distance run in it; the tick across each bar marks its "
                  "retirement distance.");
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < data.shoes.size(); ++i) {
    const auto& s = data.shoes[i];
    const double y = kTop + row_h * static_cast<double>(i);
    const bool over = s.distance_m > s.retirement_m + engine::kTolerance;
    const std::string dist = num(in_units(s.distance_m, data.units), 0);
    const std::string limit = num(in_units(s.retirement_m, data.units), 0);
    const double mid = y + row_h / 2 + 4;
    out += fmt::format("<text class=\"axis-text\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                       num(left - 8), num(mid), esc(s.name));
    out += fmt::format(
        "<rect class=\"bar-shoe{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {} {} "
        "of {}</title></rect>",
        over ? " over" : "", num(left), num(y + 6), num(x(s.distance_m) - left), num(row_h - 12),
        esc(s.name), dist, unit, limit);
    out += fmt::format("<line class=\"shoe-limit\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>\n",
                       num(x(s.retirement_m)), num(y + 2), num(y + row_h - 2));
    out += fmt::format("<text class=\"note\" x=\"{}\" y=\"{}\">{} {} of {}{}</text>\n",
                       num(x(s.distance_m) + 6), num(mid), dist, unit, limit,
                       over ? ", past retirement" : "");
    rows.push_back({s.name, num(in_units(s.distance_m, data.units), 0),
                    num(in_units(s.retirement_m, data.units), 0)});
  }
  out +=
      fmt::format("<text class=\"axis-text\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{} {}</text>\n",
                  num(kWidth - kRight), num(frame.height - 10), num(max_u, 0), unit);
  out += "</svg>\n";
  out += table("Shoes",
               {"shoe", fmt::format("distance ({})", unit), fmt::format("retire at ({})", unit)},
               rows);
  out += "</figure>\n</section>\n";
  return out;
}

constexpr std::string_view kStyle = R"(
:root { --hard: #b3541e; --other: #3b7a57; --plan: #3a5f9f; --load: #8a8f98; --ink: #1d1f23;
  --muted: #5b6068; --grid: #d9dce1; --caution: #c98a00; --danger: #b3261e; }
* { box-sizing: border-box; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  margin: 0 auto; padding: 1rem; max-width: 60rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
figure { margin: 0 0 1rem; }
svg { display: block; width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: var(--muted); }
.grid { stroke: var(--grid); stroke-width: 1; }
.zero, .divider { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 4 3; }
.bar-hard { fill: url(#hatch-hard); stroke: var(--hard); }
.bar-other { fill: var(--other); }
.bar-planned { fill: url(#dots-plan); stroke: var(--plan); stroke-width: 1.5; stroke-dasharray: 4 2; }
.bar-time { fill: var(--other); }
.bar-easy { fill: var(--other); }
.bar-intense { fill: url(#hatch-danger); stroke: var(--danger); }
.bar-load { fill: var(--load); opacity: .55; }
.line-fitness, .line-fatigue, .line-form, .line-acwr { fill: none; stroke-width: 2; }
.line-fitness { stroke: var(--plan); }
.line-fatigue { stroke: var(--hard); stroke-dasharray: 6 4; }
.line-form { stroke: var(--other); stroke-dasharray: 2 3; }
.line-acwr { stroke: var(--muted); stroke-width: 1.5; }
.point-acwr { fill: var(--ink); }
.band-team { fill: var(--other); opacity: .15; }
.band-caution { fill: var(--caution); opacity: .15; }
.band-danger { fill: url(#hatch-danger); opacity: .5; }
.threshold { stroke: var(--danger); stroke-width: 1; stroke-dasharray: 5 3; }
.point-spike { stroke: #fff; stroke-width: 1; }
.point-spike.quiet { fill: var(--other); }
.point-spike.caution { fill: var(--caution); }
.point-spike.danger { fill: var(--danger); }
svg .spike-label { font-weight: 600; fill: var(--ink); }
.mark-warning.danger { fill: var(--danger); }
.mark-warning.caution { fill: var(--caution); }
.mark-warning.info { fill: var(--plan); }
.bar-shoe { fill: var(--other); }
.bar-shoe.over { fill: url(#hatch-danger); stroke: var(--danger); }
.shoe-limit { stroke: var(--ink); stroke-width: 2; }
.caveat { color: var(--muted); font-size: .95rem; }
.key { display: inline-block; width: 1em; height: .8em; vertical-align: middle; margin-left: .6em; }
.key-hard { background: repeating-linear-gradient(45deg, var(--hard) 0 2px, #fff 2px 5px);
  border: 1px solid var(--hard); }
.key-other { background: var(--other); }
.key-easy { background: var(--other); }
.key-intense { background: repeating-linear-gradient(-45deg, var(--danger) 0 2px, #fff 2px 5px);
  border: 1px solid var(--danger); }
.key-planned { border: 1.5px dashed var(--plan); }
.key-load { background: var(--load); opacity: .55; }
.key-fitness { border-top: 2px solid var(--plan); height: 0; }
.key-fatigue { border-top: 2px dashed var(--hard); height: 0; }
.key-form { border-top: 2px dotted var(--other); height: 0; }
figcaption { font-size: .9rem; color: var(--muted); }
summary { cursor: pointer; color: var(--plan); font-size: .9rem; }
.table-wrap { overflow-x: auto; max-height: 24rem; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; }
caption { text-align: left; font-weight: 600; }
th, td { border-bottom: 1px solid var(--grid); padding: .2rem .6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.defs { position: absolute; width: 0; height: 0; }
@media (max-width: 40rem) {
  body { padding: .5rem; font-size: 15px; }
  svg text { font-size: 20px; }
  svg .xlabel.alt { display: none; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  section { break-inside: avoid; }
  summary { display: none; }
  .table-wrap { max-height: none; overflow: visible; }
}
)";

}  // namespace

std::string render_html(const ReportData& data) {
  std::string out;
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += fmt::format("<title>stride report: {} weeks to {}</title>\n", data.weeks.size(),
                     iso(data.last));
  out += "<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
  // Patterns shared by every chart, so bars differ by more than colour.
  out +=
      "<svg class=\"defs\" aria-hidden=\"true\" focusable=\"false\"><defs>"
      "<pattern id=\"hatch-hard\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f3d9c9\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b3541e\" stroke-width=\"3\"/>"
      "</pattern>"
      "<pattern id=\"hatch-danger\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
      "patternTransform=\"rotate(-45)\"><rect width=\"6\" height=\"6\" fill=\"#f6d5d3\"/>"
      "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b3261e\" stroke-width=\"2\"/>"
      "</pattern>"
      "<pattern id=\"dots-plan\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
      "<rect width=\"6\" height=\"6\" fill=\"#e6ecf7\"/>"
      "<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"#3a5f9f\"/></pattern>"
      "</defs></svg>\n";
  out += "<header>\n<h1>Training load</h1>\n";
  double total_m = 0;
  int runs = 0;
  for (const auto& w : data.weeks) {
    total_m += w.run_m;
    runs += w.run_count;
  }
  out += fmt::format(
      "<p>{} weeks from {} to {}: {} runs, {} {}. Training-load guidance, not "
      "medical advice.</p>\n</header>\n<main>\n",
      data.weeks.size(), iso(data.first), iso(data.last), runs, num(in_units(total_m, data.units)),
      detail::unit_name(data.units));
  out += weekly_charts(data);
  out += intensity_chart(data);
  out += load_chart(data);
  out += spike_chart(data);
  out += ratio_chart(data);
  out += warning_chart(data);
  out += shoe_chart(data);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace stride::report
