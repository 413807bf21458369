// tests/state/state_store_test.cpp mirrors core/state/state_store.cpp
#include "core/state/schema.hpp"
#include "core/state/state_store.hpp"
#include "core/util/error.hpp"
#include "core/util/hash.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sqlite3.h>

using namespace collproc;
using namespace collproc::state;
using collproc::test::TempDir;

namespace {

// A state file as collproc 0.1 with schema version 1 left it.
void write_version_1_file(const std::filesystem::path& path)
{
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, migration_sql(1), nullptr, nullptr, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "PRAGMA user_version = 1;"
                       "INSERT INTO collections VALUES ('ss26', '2026-01-01T00:00:00.000Z');"
                       "INSERT INTO collections VALUES ('aw25', '2026-01-01T00:00:00.000Z');",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

} // namespace

TEST_CASE("StateStore creates a new file at the current schema version", "[state]")
{
  TempDir dir;
  StateStore store(dir.path() / "collproc.db", StateStore::Open::create);
  CHECK(store.schema_version() == k_schema_version);
  CHECK(store.collections().empty());
}

TEST_CASE("StateStore migrates a version 1 file on open", "[state]")
{
  TempDir dir;
  write_version_1_file(dir.path() / "collproc.db");
  StateStore store(dir.path() / "collproc.db", StateStore::Open::existing);
  CHECK(store.schema_version() == k_schema_version);
  CHECK(store.collections() == std::vector<std::string>{"aw25", "ss26"});
  // Version 2's table exists after the migration.
  store.db().exec("SELECT count(*) FROM ai_cache");
}

TEST_CASE("StateStore refuses a file from a newer collproc", "[state]")
{
  TempDir dir;
  {
    StateStore store(dir.path() / "collproc.db", StateStore::Open::create);
    store.db().exec("PRAGMA user_version = 999");
  }
  try {
    StateStore store(dir.path() / "collproc.db", StateStore::Open::existing);
    FAIL("opened a newer file");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("newer than this collproc") != std::string::npos);
  }
}

TEST_CASE("StateStore says how to start when the file is missing", "[state]")
{
  TempDir dir;
  try {
    StateStore store(dir.path() / "missing.db", StateStore::Open::existing);
    FAIL("opened a missing file");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::not_found);
    CHECK(e.hint().find("collproc add") != std::string::npos);
  }
}

TEST_CASE("A transaction rolls back unless committed", "[state]")
{
  TempDir dir;
  StateStore store(dir.path() / "collproc.db", StateStore::Open::create);
  {
    Transaction tx(store.db());
    store.ensure_collection("ss26");
  }
  CHECK_FALSE(store.has_collection("ss26"));
  {
    Transaction tx(store.db());
    store.ensure_collection("ss26");
    tx.commit();
  }
  CHECK(store.has_collection("ss26"));
}

TEST_CASE("Outputs are keyed by phase, document and unit and cleared with their phase", "[state]")
{
  TempDir dir;
  StateStore store(dir.path() / "collproc.db", StateStore::Open::create);
  store.put_output("ss26", "extract-text", "doc-b", 2, "{\"page\":2}");
  store.put_output("ss26", "extract-text", "doc-a", 1, "{\"page\":1}");
  store.put_output("ss26", "extract-images", "doc-a", 1, "{}");
  store.put_checkpoint("ss26", {"extract-text", "fp", true, {{"pages", 2}}, 10, ""});
  const auto rows = store.outputs("ss26", "extract-text");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].document_id == "doc-a");
  CHECK(store.checkpoint("ss26", "extract-text")->counts["pages"] == 2);
  store.clear_phase("ss26", "extract-text");
  CHECK(store.outputs("ss26", "extract-text").empty());
  CHECK_FALSE(store.checkpoint("ss26", "extract-text").has_value());
  CHECK(store.outputs("ss26", "extract-images").size() == 1);
}

TEST_CASE("A job without a row reads as idle", "[state]")
{
  TempDir dir;
  StateStore store(dir.path() / "collproc.db", StateStore::Open::create);
  const JobRow row = store.job("ss26", JobKind::items);
  CHECK(row.status == JobStatus::idle);
  CHECK(row.phase == 0);
}

TEST_CASE("Leases are refreshed only by their task", "[state]")
{
  TempDir dir;
  StateStore store(dir.path() / "collproc.db", StateStore::Open::create);
  store.put_lease({"ss26", JobKind::documents, "task-1", "host", 42, 7, 1000, "t"});
  CHECK(store.touch_lease("ss26", JobKind::documents, "task-1", 2000));
  CHECK(store.lease("ss26", JobKind::documents)->heartbeat_ms == 2000);
  CHECK_FALSE(store.touch_lease("ss26", JobKind::documents, "task-2", 3000));
  store.delete_lease("ss26", JobKind::documents, "task-2");
  CHECK(store.lease("ss26", JobKind::documents).has_value());
  store.delete_lease("ss26", JobKind::documents, "task-1");
  CHECK_FALSE(store.lease("ss26", JobKind::documents).has_value());
}

TEST_CASE("Collection IDs must be valid Firestore document IDs", "[state]")
{
  for (const std::string& good :
       std::vector<std::string>{"ss26-womens", "AW25.Men_1", "a", std::string(1500, 'x')}) {
    CHECK_NOTHROW(validate_collection_id(good));
  }
  for (const std::string& bad : std::vector<std::string>{
           "", ".", "..", "a/b", "__meta__", std::string(1501, 'x'), std::string("a\nb")}) {
    CHECK_THROWS_AS(validate_collection_id(bad), Error);
  }
}

TEST_CASE("BlobStore names blobs by content and writes each once", "[state]")
{
  TempDir dir;
  BlobStore blobs(dir.path() / "blobs");
  const std::string sha = blobs.put("hello");
  CHECK(sha == util::sha256_hex("hello"));
  CHECK(blobs.path_of(sha) == dir.path() / "blobs" / sha.substr(0, 2) / sha);
  CHECK(blobs.read(sha) == "hello");
  CHECK(blobs.put("hello") == sha);
  test::write_file(dir.path() / "doc.pdf", "%PDF-1.4 bytes");
  const std::string file_sha = blobs.put_file(dir.path() / "doc.pdf");
  CHECK(blobs.read(file_sha) == "%PDF-1.4 bytes");
  // No temporary files are left beside the blobs.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path() / "blobs")) {
    CHECK(entry.path().filename().string().rfind(".tmp-", 0) != 0);
  }
  CHECK_THROWS_AS(blobs.read(std::string(64, '0')), Error);
}
