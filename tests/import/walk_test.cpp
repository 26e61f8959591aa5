#include "import/walk.hpp"

#include <algorithm>

#include "tests/import/archive_fixtures.hpp"
#include "tests/support/catch.hpp"

using namespace stride;
namespace fs = std::filesystem;

namespace {

std::string tcx_run(const std::string& start, int metres) {
  return "<?xml version=\"1.0\"?>\n<TrainingCenterDatabase "
         "xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\"><Activities>"
         "<Activity Sport=\"Running\"><Lap StartTime=\"" +
         start + "\"><TotalTimeSeconds>600</TotalTimeSeconds><DistanceMeters>" +
         std::to_string(metres) +
         "</DistanceMeters></Lap></Activity></Activities>"
         "</TrainingCenterDatabase>\n";
}

std::vector<std::string> names(const std::vector<import::Input>& inputs) {
  std::vector<std::string> out;
  for (const auto& in : inputs) out.push_back(in.display_name);
  return out;
}

}  // namespace

TEST_CASE("walk: folders are walked recursively, sorted, hidden entries skipped",
          "[import][walk]") {
  test::TempDir tmp;
  const fs::path root = tmp.path() / "runs";
  test::write_file(root / "b.tcx", tcx_run("2024-05-02T06:00:00Z", 2000));
  test::write_file(root / "a" / "z.TCX.gz", test::gzip(tcx_run("2024-05-01T06:00:00Z", 1000)));
  test::write_file(root / "a" / "notes.txt", "not an activity");
  test::write_file(root / ".hidden.tcx", tcx_run("2024-05-03T06:00:00Z", 3000));
  test::write_file(root / ".git" / "c.tcx", tcx_run("2024-05-03T06:00:00Z", 3000));
  const std::vector<fs::path> paths{root};
  const auto inputs = import::walk_inputs(paths);
  CHECK(names(inputs) == std::vector<std::string>{(root / "a" / "notes.txt").string(),
                                                  (root / "a" / "z.TCX.gz").string(),
                                                  (root / "b.tcx").string()});
  CHECK(inputs[0].kind == import::InputKind::skipped);
  CHECK(inputs[0].skip_reason == "not a GPX, TCX, FIT or CSV file");
  CHECK(inputs[1].kind == import::InputKind::file);
  CHECK(inputs[1].format == import::Format::tcx);
  CHECK(inputs[1].stamp_path == fs::absolute(root / "a" / "z.TCX.gz").lexically_normal().string());
  CHECK(inputs[1].size_bytes == fs::file_size(root / "a" / "z.TCX.gz"));
  CHECK(inputs[1].mtime_ns != 0);
  // gzip is undone when loading; the parse sees plain TCX.
  CHECK(inputs[1].load() == tcx_run("2024-05-01T06:00:00Z", 1000));
  const auto parsed = inputs[1].parse(import::ParseContext{});
  CHECK(parsed.result.activities.at(0).distance_m == 1000);
  // The hash is over the content, so the same run gzipped or not hashes alike.
  CHECK(parsed.content_hash == import::content_hash(tcx_run("2024-05-01T06:00:00Z", 1000)));
  // Old-kind hashes only when the store still holds some.
  CHECK(parsed.old_hash.empty());
  import::ParseContext old_too;
  old_too.old_hashes = true;
  CHECK(inputs[1].parse(old_too).old_hash ==
        import::old_content_hash(tcx_run("2024-05-01T06:00:00Z", 1000)));
}

TEST_CASE("walk: content hashes are XXH3-128; the old kind is still computed on request",
          "[import][walk]") {
  // XXH3-128 of no bytes, xxHash's published test vector.
  CHECK(import::content_hash("") == "xxh3:99aa06d3014798d86001c324468d497f");
  CHECK(import::content_hash("a") != import::content_hash("b"));
  CHECK(import::content_hash(std::string(100'000, 'x')).size() == 5 + 32);
  // CRC-32 of nothing is 0, Adler-32 1, the length 0.
  CHECK(import::old_content_hash("") == "0000000000000001-0");
  // CRC-32("a") = e8b7be43, Adler-32("a") = 00620062, length 1.
  CHECK(import::old_content_hash("a") == "e8b7be4300620062-1");
}

TEST_CASE("walk: bytes are read when loaded, not when walked", "[import][walk]") {
  test::TempDir tmp;
  const fs::path file = tmp.path() / "run.tcx";
  test::write_file(file, "first");
  const std::vector<fs::path> paths{file};
  const auto inputs = import::walk_inputs(paths);
  test::write_file(file, tcx_run("2024-05-01T06:00:00Z", 1234));
  REQUIRE(inputs.size() == 1);
  CHECK(inputs[0].display_name == file.string());
  CHECK(inputs[0].parse(import::ParseContext{}).result.activities.at(0).distance_m == 1234);
}

TEST_CASE("walk: zip members become inputs named archive!member", "[import][walk]") {
  test::TempDir tmp;
  const fs::path zip = tmp.path() / "runs.zip";
  test::write_zip(zip, {{"2024/b.tcx.gz", test::gzip(tcx_run("2024-05-02T06:00:00Z", 2000))},
                        {"2024/a.tcx", tcx_run("2024-05-01T06:00:00Z", 1000)},
                        {"__MACOSX/2024/._a.tcx", "resource fork"},
                        {"2024/.DS_Store", "junk"},
                        {"inner.zip", "PK"},
                        {"photo.jpg", "jpeg"}});
  const std::vector<fs::path> paths{zip};
  const auto inputs = import::walk_inputs(paths);
  const std::string z = zip.string();
  CHECK(names(inputs) == std::vector<std::string>{z + "!2024/a.tcx", z + "!2024/b.tcx.gz",
                                                  z + "!inner.zip", z + "!photo.jpg"});
  CHECK(inputs[0].stamp_path == fs::absolute(zip).lexically_normal().string() + "!2024/a.tcx");
  CHECK(inputs[0].path == zip);
  CHECK(inputs[1].parse(import::ParseContext{}).result.activities.at(0).distance_m == 2000);
  CHECK(inputs[2].kind == import::InputKind::skipped);
  CHECK(inputs[2].skip_reason == "a zip inside a zip is not read");
  CHECK(inputs[3].skip_reason == "not a GPX, TCX, FIT or CSV file");
}

TEST_CASE("walk: paths that cannot be read fail when parsed, not when walked", "[import][walk]") {
  test::TempDir tmp;
  const fs::path missing = tmp.path() / "nope.gpx";
  const fs::path fake_zip = tmp.path() / "fake.zip";
  test::write_file(fake_zip, "not a zip");
  const std::vector<fs::path> paths{missing, fake_zip};
  const auto inputs = import::walk_inputs(paths);
  REQUIRE(inputs.size() == 2);
  CHECK_THROWS_WITH(inputs[0].parse(import::ParseContext{}),
                    missing.string() + ": no such file or directory");
  CHECK_THROWS_WITH(inputs[1].parse(import::ParseContext{}),
                    fake_zip.string() + ": not a readable zip archive (Not a zip archive)");
}

TEST_CASE("walk: format detection by extension", "[import][walk]") {
  CHECK(import::detect_format("a.GPX") == import::Format::gpx);
  CHECK(import::detect_format("x.zip!activities/1.fit.gz") == import::Format::fit);
  CHECK(import::detect_format("a.csv.GZ") == import::Format::csv);
  CHECK(import::detect_format("a.tcx") == import::Format::tcx);
  CHECK_FALSE(import::detect_format("a.gz").has_value());
  CHECK_FALSE(import::detect_format("a.gpx.zip").has_value());
  CHECK_FALSE(import::detect_format("dir/.gpx").has_value());
  CHECK_FALSE(import::detect_format("a.kml").has_value());
}
