#include "engine/quantity.hpp"

#include "tests/support/catch.hpp"

using namespace stride::engine;
namespace engine = stride::engine;

TEST_CASE("quantity: distances as people type them", "[engine]") {
  CHECK(parse_distance_m("10km").value() == Approx(10000));
  CHECK(parse_distance_m("10 km").value() == Approx(10000));
  CHECK(parse_distance_m("6.2mi").value() == Approx(6.2 * 1609.344));
  CHECK(parse_distance_m("800m").value() == Approx(800));
  CHECK(parse_distance_m("12").value() == Approx(12000));
  CHECK(parse_distance_m("12", Units::mi).value() == Approx(12 * 1609.344));
  CHECK_FALSE(parse_distance_m("ten km"));
  CHECK_FALSE(parse_distance_m("10 parsecs"));
  CHECK_FALSE(parse_distance_m(""));
}

TEST_CASE("quantity: durations as people type them", "[engine]") {
  CHECK(parse_duration_s("45m").value() == Approx(2700));
  CHECK(parse_duration_s("45min").value() == Approx(2700));
  CHECK(parse_duration_s("1h30m").value() == Approx(5400));
  CHECK(parse_duration_s("1:30:00").value() == Approx(5400));
  CHECK(parse_duration_s("30:15").value() == Approx(1815));
  CHECK(parse_duration_s("90s").value() == Approx(90));
  CHECK(parse_duration_s("40 min").value() == Approx(2400));
  CHECK_FALSE(parse_duration_s("1:2:3:4"));
  CHECK_FALSE(parse_duration_s("soon"));
}

TEST_CASE("quantity: formatting", "[engine]") {
  CHECK(format_distance(12000, Units::km) == "12 km");
  CHECK(format_distance(12345, Units::km) == "12.3 km");
  CHECK(format_distance(1609.344 * 4, Units::mi) == "4 mi");
  CHECK(format_duration(2400) == "40 min");
  CHECK(format_duration(3900) == "1:05:00");
  CHECK(format_hms(59.6) == "0:01:00");
}

TEST_CASE("surface split: one syntax, the old CSV one still read", "[engine][surface]") {
  using engine::Surface;
  using Shares = std::vector<engine::SurfaceShare>;
  // Distances as the CLI reads them (bare numbers in km here).
  const engine::DistanceReader km = [](std::string_view text,
                                       std::string& error) -> std::optional<double> {
    auto m = engine::parse_distance_m(text, engine::Units::km);
    if (!m) error = "bad distance '" + std::string(text) + "'";
    return m;
  };
  std::string error;
  CHECK(engine::parse_surface_split("road:8km,trail:2km", 10000, km, error) ==
        Shares{{Surface::road, 8000}, {Surface::trail, 2000}});
  CHECK(engine::parse_surface_split(" Road : 8 km , TRAIL:2.5km ", 10500, km, error) ==
        Shares{{Surface::road, 8000}, {Surface::trail, 2500}});
  CHECK(engine::parse_surface_split("road:8000m;trail:2000m", 10000, km, error) ==
        Shares{{Surface::road, 8000}, {Surface::trail, 2000}});
  CHECK(engine::parse_surface_split("road:8000m|grass:2000m", 10000, km, error) ==
        Shares{{Surface::road, 8000}, {Surface::grass, 2000}});
  // A decimal comma is not a part separator: a digit follows it.
  CHECK(engine::parse_surface_split("road:8,5km,trail:1,5km", 10000, km, error) ==
        Shares{{Surface::road, 8500}, {Surface::trail, 1500}});
  CHECK(engine::parse_surface_split("trail", 7300, km, error) == Shares{{Surface::trail, 7300}});

  CHECK_FALSE(engine::parse_surface_split("lava:2km", 2000, km, error));
  CHECK(error ==
        "unknown surface 'lava' (road, track, treadmill, trail, grass, sand, snow, unknown; "
        "asphalt, concrete, pavement for road; dirt, gravel for trail)");
  CHECK_FALSE(engine::parse_surface_split("road:8km,trail", 10000, km, error));
  CHECK(error == "'trail' is not SURFACE:DISTANCE (e.g. road:8km,trail:2km)");
  CHECK_FALSE(engine::parse_surface_split("road:far", 10000, km, error));
  CHECK(error == "bad distance 'far'");
}
