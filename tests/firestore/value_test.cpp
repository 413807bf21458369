// tests/firestore/value_test.cpp mirrors core/firestore/value.cpp

#include "core/firestore/value.hpp"
#include "core/util/error.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>

using namespace collproc;
using namespace collproc::firestore;
using nlohmann::json;

TEST_CASE("encode_value follows Firestore's REST value encoding", "[firestore]")
{
  CHECK(encode_value(42) == json{{"integerValue", "42"}});
  CHECK(encode_value(-7) == json{{"integerValue", "-7"}});
  CHECK(encode_value(42.5) == json{{"doubleValue", 42.5}});
  CHECK(encode_value("Linen") == json{{"stringValue", "Linen"}});
  CHECK(encode_value(true) == json{{"booleanValue", true}});
  CHECK(encode_value(nullptr) == json{{"nullValue", nullptr}});
  CHECK(encode_value(json::array()) == json{{"arrayValue", json::object()}});
  CHECK(encode_value(json::object()) == json{{"mapValue", json::object()}});
  CHECK(encode_value(json{{"S", 2}, {"One Size", 1}}) ==
        json{{"mapValue",
              {{"fields",
                {{"S", {{"integerValue", "2"}}}, {"One Size", {{"integerValue", "1"}}}}}}}});
  CHECK(encode_value(json::array({1.5, "a"})) ==
        json{{"arrayValue", {{"values", {{{"doubleValue", 1.5}}, {{"stringValue", "a"}}}}}}});
}

TEST_CASE("keys named as timestamps become timestampValue, or nullValue when empty", "[firestore]")
{
  const json status{
      {"started_at", "2026-11-28T14:30:03.123Z"}, {"completed_at", ""}, {"status", "processing"}};
  const json fields = encode_fields(status, {"started_at", "completed_at"});
  CHECK(fields["started_at"] == json{{"timestampValue", "2026-11-28T14:30:03.123Z"}});
  CHECK(fields["completed_at"] == json{{"nullValue", nullptr}});
  CHECK(fields["status"] == json{{"stringValue", "processing"}});
}

TEST_CASE("what Firestore cannot store is refused before sending", "[firestore]")
{
  SECTION("an array directly inside an array")
  {
    CHECK_THROWS_WITH(encode_value(json::array({json::array({1})})),
                      Catch::Contains("an array directly inside an array"));
  }
  SECTION("nesting deeper than 20 levels")
  {
    json deep = 1;
    for (int i = 0; i < 22; ++i) {
      deep = json{{"m", deep}};
    }
    CHECK_THROWS_AS(encode_value(deep), Error);
  }
}

TEST_CASE("decode_value reverses encode_value", "[firestore]")
{
  const json item{{"item_id", "it-1"},
                  {"sizes", {{"S", 2}, {"M", 4}}},
                  {"unit_cost", 42.5},
                  {"retail_price", nullptr},
                  {"on_linesheet", true},
                  {"images", json::array({"gs://b/x.jpg"})},
                  {"source", {{"rows", {14, 15}}}},
                  {"colors", json::array()}};
  CHECK(decode_fields(encode_fields(item)) == item);
  CHECK_THROWS_AS(decode_value(json{{"noSuchValue", 1}}), Error);
}

TEST_CASE("field paths quote segments that are not simple names", "[firestore]")
{
  CHECK(quote_segment("structured_products") == "structured_products");
  CHECK(quote_segment("_x9") == "_x9");
  CHECK(quote_segment("One Size") == "`One Size`");
  CHECK(quote_segment("9lives") == "`9lives`");
  CHECK(quote_segment("a`b\\c") == "`a\\`b\\\\c`");
  CHECK(field_path({"processing_status", "document_processing", "status"}) ==
        "processing_status.document_processing.status");
  CHECK(field_path({"sizes", "X.S"}) == "sizes.`X.S`");
}

TEST_CASE("document_size follows Google's storage size calculation", "[firestore]")
{
  // Google's worked example: users/jeff/tasks/my_task_id with four fields is 147 bytes.
  const json fields = encode_fields({{"type", "Personal"},
                                     {"done", false},
                                     {"priority", 1},
                                     {"description", "Learn Cloud Firestore"}});
  CHECK(document_size("users/jeff/tasks/my_task_id", fields) == 147);
}

TEST_CASE("decode_value gives back what encode_value sent over the wire", "[firestore]")
{
  // tests/fuzz/firestore_value: the kind was read through a reference into a
  // temporary (ASan: stack-use-after-scope on every decode).
  const json values[] = {0,
                         -7,
                         std::numeric_limits<int64_t>::max(),
                         std::numeric_limits<int64_t>::min(),
                         2.5,
                         "Linen",
                         true,
                         nullptr,
                         json::array({1, "a"}),
                         json{{"m", {{"n", 1}}}}};
  for (const json& v : values) {
    CAPTURE(v);
    CHECK(decode_value(json::parse(encode_value(v).dump())) == v);
  }
}

TEST_CASE("integers past int64 are refused before sending", "[firestore]")
{
  // tests/fuzz/firestore_value: sent as integerValue, they came back as a
  // std::out_of_range from std::stoll.
  CHECK_THROWS_WITH(encode_value(json{{"n", std::numeric_limits<uint64_t>::max()}}),
                    Catch::Contains("outside the 64-bit integers"));
}

TEST_CASE("decode_value refuses malformed Values with collproc::Error", "[firestore]")
{
  // tests/fuzz/firestore_value: these threw std::invalid_argument,
  // std::out_of_range or json's type_error.
  for (const char* reply :
       {R"({"integerValue": "12abc"})", R"({"integerValue": "9223372036854775808"})",
        R"({"integerValue": ""})", R"({"integerValue": {}})", R"({"arrayValue": -0.0})",
        R"({"mapValue": "x"})", R"({"arrayValue": {"values": [{"integerValue": "x"}]}})"}) {
    CAPTURE(reply);
    CHECK_THROWS_AS(decode_value(json::parse(reply)), Error);
  }
}
