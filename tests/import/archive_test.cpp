#include "import/archive.hpp"

#include <unistd.h>

#include <random>

#include "tests/import/archive_fixtures.hpp"
#include "tests/support/catch.hpp"

using namespace stride;

namespace {

std::string noise(std::size_t n) {
  std::mt19937 rng(42);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng());
  return s;
}

}  // namespace

TEST_CASE("archive: gunzip reads one member and concatenated members", "[import][archive]") {
  CHECK(import::gunzip(test::gzip("<gpx/>"), "a.gpx.gz", {}) == "<gpx/>");
  const std::string two = test::gzip("first,") + test::gzip("second");
  CHECK(import::gunzip(two, "a.csv.gz", {}) == "first,second");
  // A stream larger than one inflate chunk.
  const std::string big = noise(300000);
  CHECK(import::gunzip(test::gzip(big), "big.gz", {}) == big);
}

TEST_CASE("archive: broken gzip data fails with the byte offset", "[import][archive]") {
  CHECK_THROWS_WITH(import::gunzip("<gpx/>", "a.gpx.gz", {}), "a.gpx.gz: byte 0: not gzip data");
  const std::string whole = test::gzip(noise(5000));
  CHECK_THROWS_WITH(import::gunzip(whole.substr(0, 1000), "a.gpx.gz", {}),
                    "a.gpx.gz: byte 1000: truncated gzip data");
  std::string corrupt = test::gzip("hello hello hello");
  corrupt[10] = '\xff';  // first byte of the deflate data: an invalid block type
  CHECK_THROWS_WITH(import::gunzip(corrupt, "a.gpx.gz", {}),
                    "a.gpx.gz: byte 11: corrupt gzip data (invalid block type)");
}

TEST_CASE("archive: a gzip bomb fails with the reason", "[import][archive]") {
  const std::string bomb = test::gzip(std::string(20u << 20, '\0'));  // 20 MiB of zeros
  REQUIRE(bomb.size() < 100000);
  CHECK_THROWS_WITH(import::gunzip(bomb, "bomb.gpx.gz", {}),
                    "bomb.gpx.gz: expands more than 200:1 (decompression bomb?)");
  import::Limits small;
  small.max_member_bytes = 4000;
  CHECK_THROWS_WITH(import::gunzip(test::gzip(noise(5000)), "big.fit.gz", small),
                    "big.fit.gz: expands beyond 4000 bytes, the limit for one file "
                    "(decompression bomb?)");
  // Small files compress far better than 200:1 and are fine.
  const std::string zeros(512u << 10, '\0');
  CHECK(import::gunzip(test::gzip(zeros), "zeros.csv.gz", {}) == zeros);
}

TEST_CASE("archive: zip members are listed and read into memory", "[import][archive]") {
  test::TempDir dir;
  const auto path = dir.path() / "runs.zip";
  test::write_zip(path, {{"a/one.gpx", "<gpx>1</gpx>"},
                         {"two.tcx", noise(100000)},
                         {"bomb.gpx", std::string(20u << 20, ' ')}});
  import::ZipReader zip(path, "runs.zip");
  REQUIRE(zip.members().size() == 3);
  CHECK(zip.members()[0].name == "a/one.gpx");
  CHECK(zip.members()[0].size_bytes == 12);
  REQUIRE(zip.find("two.tcx") != nullptr);
  CHECK(zip.read(*zip.find("two.tcx")) == noise(100000));
  CHECK(zip.read(zip.members()[0]) == "<gpx>1</gpx>");
  CHECK(zip.find("three.fit") == nullptr);
  CHECK_THROWS_WITH(zip.read(*zip.find("bomb.gpx")),
                    "runs.zip!bomb.gpx: expands more than 200:1 (decompression bomb?)");
  // The bomb does not spoil the archive for the other members.
  CHECK(zip.read(zip.members()[0]) == "<gpx>1</gpx>");
}

TEST_CASE("archive: a zip bomb whose directory lies about its size still stops",
          "[import][archive]") {
  test::TempDir dir;
  const auto path = dir.path() / "lie.zip";
  test::write_zip(path, {{"big.gpx", std::string(3u << 20, 'x')}});
  import::ZipReader zip(path, "lie.zip");
  import::ZipMember lying = zip.members().at(0);
  lying.size_bytes = 10;  // what a forged central directory would claim
  CHECK_THROWS_WITH(zip.read(lying),
                    "lie.zip!big.gpx: expands more than 200:1 (decompression bomb?)");
}

TEST_CASE("archive: a file that is not a zip fails with the reason", "[import][archive]") {
  test::TempDir dir;
  const auto path = dir.path() / "fake.zip";
  test::write_file(path, "this is not a zip archive at all");
  CHECK_THROWS_WITH(import::ZipReader(path, "fake.zip"),
                    "fake.zip: not a readable zip archive (Not a zip archive)");
}
