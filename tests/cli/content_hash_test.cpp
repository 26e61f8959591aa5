#include "cli/content_hash.hpp"

#include <string>

#include "tests/support/catch.hpp"

using stride::cli::xxh64;

// Reference values from the xxHash project (xxhsum -H1 / XXH64 with seed 0).
TEST_CASE("content hash: XXH64 matches the reference digests", "[cli]") {
  CHECK(xxh64("") == 0xEF46DB3751D8E999ULL);
  CHECK(xxh64("a") == 0xD24EC4F1A98C6E5BULL);
  CHECK(xxh64("abc") == 0x44BC2CF5AD770999ULL);
  CHECK(xxh64("Nobody inspects the spammish repetition") == 0xFBCEA83C8A378BF1ULL);
}

TEST_CASE("content hash: one changed byte changes the digest", "[cli]") {
  std::string a(100'000, 'x');
  std::string b = a;
  b[77'777] = 'y';
  CHECK(stride::cli::content_hash(a) != stride::cli::content_hash(b));
  CHECK(stride::cli::content_hash(a) == stride::cli::content_hash(std::string(100'000, 'x')));
  CHECK(stride::cli::content_hash("abc") == "xxh64:44bc2cf5ad770999");
}
