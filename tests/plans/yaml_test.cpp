#include "plans/plan_yaml.hpp"

#include "tests/support/catch.hpp"

using namespace stride::plans;
TEST_CASE("plan yaml: placeholder", "[plans]") { CHECK(format_day(Day{date::days{0}}) == "1970-01-01"); }
