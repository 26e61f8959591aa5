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

  const auto [hard, other, time, load, spikes, acwr, warnings] =
      stride::test::expected_chart_counts(data);
  std::size_t easy = 0, intense = 0;
  for (const auto& w : data.weeks) {
    easy += w.run_easy_s > 0;
    intense += w.run_hard_s > 0;
  }
  std::ofstream expected(argv[2]);
  expected << "svg-charts 8\nbar-easy " << easy << "\nbar-intense " << intense << "\n"
           << "bar-hard " << hard << "\nbar-other " << other << "\nbar-planned "
           << data.planned.size() << "\nbar-time " << time << "\nbar-load " << load
           << "\npoint-spike " << spikes << "\npoint-acwr " << acwr << "\nmark-warning " << warnings
           << "\nbar-shoe " << data.shoes.size() << "\n";
  return 0;
}
