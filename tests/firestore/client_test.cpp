// tests/firestore/client_test.cpp mirrors core/firestore/client.cpp and http.cpp,
// against tests/support/firestore_server.py on loopback.

#include "core/firestore/client.hpp"
#include "core/firestore/value.hpp"
#include "core/util/error.hpp"
#include "core/util/hash.hpp"
#include "loopback_server.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace collproc;
using namespace collproc::firestore;
using nlohmann::json;

namespace {

json update(const std::string& name, const json& fields, const std::vector<std::string>& mask)
{
  json w{{"update", {{"name", name}, {"fields", encode_fields(fields)}}}};
  if (!mask.empty()) {
    w["updateMask"] = {{"fieldPaths", mask}};
  }
  return w;
}

} // namespace

TEST_CASE("a commit lands exactly as sent and reads back", "[firestore]")
{
  test::LoopbackServer server;
  FirestoreClient fs(server.emulator());
  const std::string name = fs.root() + "/collections/ss26";
  const json fields{{"categories", {"Dresses", "Knitwear"}}, {"count", 3}, {"price", 42.5}};
  const json result = fs.commit(json::array({update(name, fields, {})}));
  CHECK(result["writeResults"].size() == 1);
  const auto doc = fs.get("collections/ss26", {});
  REQUIRE(doc);
  CHECK(decode_fields((*doc)["fields"]) == fields);
  CHECK_FALSE(fs.get("collections/none", {}));

  SECTION(
      "an update mask leaves other fields alone and deletes masked fields absent from the write")
  {
    fs.commit(json::array({update(name, {{"deck_title", "AW25"}}, {"deck_title"})}));
    fs.commit(json::array({update(name, {{"categories", {"Coats"}}}, {"categories", "count"})}));
    const json now = decode_fields((*fs.get("collections/ss26", {}))["fields"]);
    CHECK(now == json{{"categories", {"Coats"}}, {"price", 42.5}, {"deck_title", "AW25"}});
  }
  SECTION("a field mask on read returns only the named fields")
  {
    CHECK(decode_fields((*fs.get("collections/ss26", {"count"}))["fields"]) == json{{"count", 3}});
  }
  SECTION("a stale updateTime precondition is refused")
  {
    json w = update(name, {{"count", 4}}, {"count"});
    w["currentDocument"] = {{"updateTime", "2020-01-01T00:00:00.000000Z"}};
    const HttpResponse r = fs.commit_response(json::array({w}));
    CHECK(r.status == 400);
    CHECK(server_message(r).rfind("FAILED_PRECONDITION", 0) == 0);
  }
}

TEST_CASE("the server's limits come back as errors with its message", "[firestore]")
{
  test::LoopbackServer server;
  FirestoreClient fs(server.emulator());
  SECTION("more than 500 writes in one commit")
  {
    json writes = json::array();
    for (int i = 0; i < 501; ++i) {
      writes.push_back(update(fs.root() + "/c/d" + std::to_string(i), {{"i", i}}, {}));
    }
    CHECK_THROWS_WITH(fs.commit(writes),
                      Catch::Contains("INVALID_ARGUMENT") && Catch::Contains("500 writes"));
    writes.erase(writes.end() - 1);
    CHECK_NOTHROW(fs.commit(writes));
  }
  SECTION("a document over 1 MiB")
  {
    // Twenty 60 KB strings: each within the string limit, together over 1 MiB.
    json big = json::object();
    for (int i = 0; i < 20; ++i) {
      big["f" + std::to_string(i)] = std::string(60000, 'x');
    }
    try {
      fs.commit(json::array({update(fs.root() + "/c/big", big, {})}));
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::job_failed);
      CHECK_THAT(e.what(), Catch::Contains("exceeds the maximum allowed size of 1,048,576 bytes"));
    }
  }
  SECTION("a malformed value")
  {
    json w{{"update", {{"name", fs.root() + "/c/d"}, {"fields", {{"n", {{"integerValue", 5}}}}}}}};
    CHECK_THROWS_WITH(fs.commit(json::array({w})), Catch::Contains("Invalid value"));
  }
  SECTION("a field outside the update mask")
  {
    CHECK_THROWS_WITH(
        fs.commit(json::array({update(fs.root() + "/c/d", {{"a", 1}, {"b", 2}}, {"a"})})),
        Catch::Contains("not in the update mask"));
  }
}

TEST_CASE("passing failures are retried; lasting ones become unavailable", "[firestore]")
{
  test::LoopbackServer server;
  const Remote remote = server.emulator();
  FirestoreClient fs(remote);
  const json writes = json::array({update(fs.root() + "/c/d", {{"a", 1}}, {})});
  SECTION("503 twice, then success")
  {
    server.fault({{"match", ":commit"}, {"kind", "status"}, {"status", 503}, {"count", 2}});
    CHECK_NOTHROW(fs.commit(writes));
    CHECK(server.count("POST", ":commit") == 3);
  }
  SECTION("429 with Retry-After waits at least that long")
  {
    server.fault({{"match", ":commit"},
                  {"kind", "status"},
                  {"status", 429},
                  {"retry_after", "1"},
                  {"count", 1}});
    const auto t0 = std::chrono::steady_clock::now();
    CHECK_NOTHROW(fs.commit(writes));
    CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(1000));
  }
  SECTION("a connection reset after the server applied the commit is resent harmlessly")
  {
    server.fault({{"match", ":commit"}, {"kind", "reset"}, {"apply", true}, {"count", 1}});
    CHECK_NOTHROW(fs.commit(writes));
    CHECK(server.count("POST", ":commit") == 2);
    CHECK(server.dump()["documents"].size() == 1);
  }
  SECTION("a timeout is retried")
  {
    Remote quick = remote;
    quick.config.retry.timeout_ms = 300;
    FirestoreClient impatient(quick);
    server.fault({{"match", ":commit"}, {"kind", "timeout"}, {"seconds", 1}, {"count", 1}});
    CHECK_NOTHROW(impatient.commit(writes));
  }
  SECTION("every attempt failing is Error(unavailable)")
  {
    server.fault({{"match", ":commit"}, {"kind", "status"}, {"status", 503}, {"count", 10}});
    try {
      fs.commit(writes);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::unavailable);
      CHECK_THAT(e.what(), Catch::Contains("unavailable after 4 attempts"));
    }
  }
  SECTION("a final error is not retried")
  {
    server.fault({{"match", ":commit"}, {"kind", "status"}, {"status", 403}, {"count", 1}});
    CHECK_THROWS_WITH(fs.commit(writes), Catch::Contains("PERMISSION_DENIED"));
    CHECK(server.count("POST", ":commit") == 1);
  }
}

TEST_CASE("backoff doubles up to its ceiling and honours Retry-After", "[firestore]")
{
  RetryPolicy p;
  p.base_ms = 100;
  p.max_delay_ms = 1000;
  HttpResponse none;
  for (int retry = 1; retry <= 6; ++retry) {
    const int64_t ceiling = std::min<int64_t>(1000, 100 << (retry - 1));
    const int64_t wait = backoff_ms(p, retry, none);
    CHECK(wait >= ceiling / 2);
    CHECK(wait <= ceiling);
  }
  HttpResponse later;
  later.headers["retry-after"] = "3";
  CHECK(backoff_ms(p, 1, later) >= 3000);
}

TEST_CASE("images upload once, by media or resumable upload", "[firestore]")
{
  test::LoopbackServer server;
  Remote remote = server.emulator();
  remote.config.resumable_threshold = 100 << 10;
  remote.config.chunk_bytes = 256 << 10;
  StorageClient storage(remote);
  const auto object_sha = [&](const std::string& name) {
    return server.dump()["objects"]["demo-test.appspot.com/" + name]["sha256"].get<std::string>();
  };
  SECTION("small: media upload; a second upload of the same object is a no-op")
  {
    const std::string bytes(20000, 'j');
    CHECK_FALSE(storage.exists("collections/c/images/a.jpg"));
    storage.upload("collections/c/images/a.jpg", bytes, "image/jpeg");
    CHECK(storage.exists("collections/c/images/a.jpg"));
    CHECK(object_sha("collections/c/images/a.jpg") == util::sha256_hex(bytes));
    CHECK(server.dump()["objects"]["demo-test.appspot.com/collections/c/images/a.jpg"]
                       ["contentType"] == "image/jpeg");
    storage.upload("collections/c/images/a.jpg", bytes,
                   "image/jpeg"); // 412 from ifGenerationMatch=0
    CHECK(server.count("POST", "/upload/") == 2);
  }
  SECTION("large: resumable upload in 256 KiB chunks, resuming after a reset")
  {
    std::string bytes;
    for (int i = 0; bytes.size() < 700000; ++i) {
      bytes += std::to_string(i);
    }
    server.fault({{"match", "upload_id"}, {"kind", "reset"}, {"count", 1}});
    storage.upload("collections/c/images/big.png", bytes, "image/png");
    CHECK(object_sha("collections/c/images/big.png") == util::sha256_hex(bytes));
    CHECK(server.count("PUT", "/upload/") >= 4); // 3 chunks, one reset, one status query
  }
}
