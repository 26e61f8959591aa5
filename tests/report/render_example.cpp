// Writes the example report (tests/report/example_history.hpp) for the browser
// test: render_example OUT.html EXPECTED.txt. EXPECTED lists "class count" per
// line: the elements each chart must draw, counted from the data, not the HTML.
#include <fstream>
#include <iostream>

#include "report/report.hpp"
#include "tests/report/example_history.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: render_example OUT.html EXPECTED.txt\n";
    return 2;
  }
  const auto data =
      stride::report::build_report(stride::test::report_history(), stride::test::report_last(), 12,
                                   {}, stride::test::report_plan());
  std::ofstream(argv[1], std::ios::binary) << stride::report::render_html(data);

  std::size_t hard = 0, other = 0, time = 0, load = 0, spikes = 0, acwr = 0, warnings = 0;
  for (const auto& w : data.weeks) {
    hard += w.hard_m > 0;
    other += w.other_m() > 0;
    time += w.run_s > 0;
  }
  for (const auto& p : data.load) load += p.session_load > 0;
  for (const auto& s : data.spikes) spikes += s.ratio.has_value();
  for (const auto& r : data.ratios) acwr += r.acwr_distance.has_value();
  for (const auto& d : data.warnings) warnings += d.warnings.size();
  std::ofstream expected(argv[2]);
  expected << "svg-charts 7\n"
           << "bar-hard " << hard << "\nbar-other " << other << "\nbar-planned "
           << data.planned.size() << "\nbar-time " << time << "\nbar-load " << load
           << "\npoint-spike " << spikes << "\npoint-acwr " << acwr << "\nmark-warning " << warnings
           << "\nbar-shoe " << data.shoes.size() << "\n";
  return 0;
}
