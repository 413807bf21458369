// tests/firestore/sync_test.cpp mirrors core/firestore/sync.cpp: what a sync
// writes, what it skips, and what it refuses before sending anything.

#include "core/firestore/sync.hpp"
#include "core/firestore/value.hpp"
#include "core/util/error.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::firestore;
using nlohmann::json;

namespace {

const std::string k_root = "projects/p/databases/(default)/documents";
const std::string k_sha = std::string(64, 'a');

json sample_export(int products = 1, std::size_t description = 10)
{
  json ps = json::array();
  for (int i = 0; i < products; ++i) {
    ps.push_back(
        {{"product_id", "p" + std::to_string(i)},
         {"style_number", "SS26-1042"},
         {"description", std::string(description, 'd')},
         {"bbox", {1.0, 2.0, 3.0, 4.0}},
         {"images",
          {{{"image_id", "i1"}, {"path", "images/" + k_sha + ".jpg"}, {"match_score", 0.9}}}}});
  }
  return {
      {"collection_id", "ss26"},
      {"categories", {"Dresses"}},
      {"documents",
       {{{"document_id", "doc1"}, {"filename", "lookbook.pdf"}, {"structured_products", ps}}}},
      {"items",
       {{{"item_id", "it1"}, {"sizes", {{"S", 2}}}, {"images", {"images/" + k_sha + ".jpg"}}}}}};
}

const json k_status{
    {"document_processing", {{"status", "completed"}, {"started_at", "2026-11-28T14:30:03.123Z"}}}};

} // namespace

TEST_CASE("desired_state writes the SPEC §6 paths with update masks and gs:// image URLs",
          "[firestore]")
{
  const SyncPlan plan = desired_state(sample_export(), k_status, k_root, "bkt");
  REQUIRE(plan.writes.size() == 3);
  const auto& col = plan.writes[0].write;
  CHECK(col["update"]["name"] == k_root + "/collections/ss26");
  CHECK(col["updateMask"]["fieldPaths"] == json{"categories", "processing_status"});
  CHECK(col["update"]["fields"]["processing_status"]["mapValue"]["fields"]["document_processing"]
           ["mapValue"]["fields"]["started_at"] ==
        json{{"timestampValue", "2026-11-28T14:30:03.123Z"}});
  const auto& doc = plan.writes[1].write;
  CHECK(doc["update"]["name"] == k_root + "/collections/ss26/documents/doc1");
  CHECK(doc["updateMask"]["fieldPaths"] == json{"structured_products"});
  const json products = decode_fields(doc["update"]["fields"])["structured_products"];
  const std::string url = "gs://bkt/collections/ss26/images/" + k_sha + ".jpg";
  CHECK(products[0]["images"][0]["path"] == url);
  const auto& item = plan.writes[2].write;
  CHECK(item["update"]["name"] == k_root + "/collections/ss26/items/it1");
  CHECK(item["updateMask"]["fieldPaths"] == json{"images", "item_id", "sizes"});
  CHECK(decode_fields(item["update"]["fields"])["images"] == json{url});
  REQUIRE(plan.images.size() == 1);
  CHECK(plan.images[0].object == "collections/ss26/images/" + k_sha + ".jpg");
  CHECK(plan.images[0].content_type == "image/jpeg");
}

TEST_CASE("a linesheet whose structured_products exceed 1 MiB fails before anything is sent",
          "[firestore]")
{
  // 1,200 products of 1 KB each: well over Firestore's 1 MiB per document.
  try {
    desired_state(sample_export(1200, 1000), k_status, k_root, "bkt");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::job_failed);
    CHECK_THAT(e.what(),
               Catch::StartsWith("ss26: lookbook.pdf: structured_products (1200 products)") &&
                   Catch::Contains("over the 1 MiB limit"));
    CHECK_THAT(e.hint(), Catch::Contains("split the linesheet"));
  }
  CHECK_NOTHROW(desired_state(sample_export(800, 1000), k_status, k_root, "bkt"));
}

TEST_CASE("pending sends only what changed, and deletes items gone locally", "[firestore]")
{
  const SyncPlan desired = desired_state(sample_export(), k_status, k_root, "bkt");
  std::map<std::string, std::string> pushed;
  for (const auto& w : desired.writes) {
    pushed[w.remote] = w.hash;
  }
  pushed[desired.images[0].remote] = k_sha;
  SECTION("nothing changed: nothing to send")
  {
    const SyncPlan p = pending(desired, pushed, k_root, "ss26");
    CHECK(p.writes.empty());
    CHECK(p.images.empty());
    CHECK(p.unchanged == 4);
  }
  SECTION("a changed document is sent again")
  {
    pushed[k_root + "/collections/ss26/items/it1"] = "old";
    const SyncPlan p = pending(desired, pushed, k_root, "ss26");
    REQUIRE(p.writes.size() == 1);
    CHECK(p.writes[0].path == "collections/ss26/items/it1");
  }
  SECTION("an item pushed before and gone now is deleted; another collection's is not")
  {
    pushed[k_root + "/collections/ss26/items/gone"] = "h";
    pushed[k_root + "/collections/other/items/x"] = "h";
    const SyncPlan p = pending(desired, pushed, k_root, "ss26");
    REQUIRE(p.writes.size() == 1);
    CHECK(p.writes[0].kind == PlannedWrite::Kind::remove);
    CHECK(p.writes[0].write == json{{"delete", k_root + "/collections/ss26/items/gone"}});
  }
  SECTION("a document no longer staged loses its structured_products, nothing else")
  {
    pushed[k_root + "/collections/ss26/documents/old"] = "h";
    const SyncPlan p = pending(desired, pushed, k_root, "ss26");
    REQUIRE(p.writes.size() == 1);
    CHECK(p.writes[0].write["updateMask"]["fieldPaths"] == json{"structured_products"});
    CHECK(p.writes[0].write["update"]["fields"] == json::object());
  }
}
