// tests/util/hash_test.cpp mirrors core/util/hash.cpp
#include "core/util/hash.hpp"
#include "core/util/time.hpp"

#include <catch2/catch.hpp>

using namespace collproc::util;

TEST_CASE("sha256_hex matches the FIPS 180-2 test vector", "[util]")
{
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("Sha256 separates its parts", "[util]")
{
  CHECK(Sha256().add("ab").add("c").hex() != Sha256().add("a").add("bc").hex());
  CHECK(Sha256().add("a").hex() == Sha256().add("a").hex());
}

TEST_CASE("rfc3339 prints UTC with milliseconds", "[util]")
{
  CHECK(rfc3339(0) == "1970-01-01T00:00:00.000Z");
  CHECK(rfc3339(1700000000123) == "2023-11-14T22:13:20.123Z");
}

TEST_CASE("human_duration reads like the progress bar", "[util]")
{
  CHECK(human_duration(150) == "2m 30s");
  CHECK(human_duration(45) == "45s");
  CHECK(human_duration(3.25) == "3.2s");
}
