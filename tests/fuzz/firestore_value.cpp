// Fuzz target: Firestore's REST value encoding (core/firestore/value). Any
// JSON that encode_value accepts must come back unchanged from decode_value
// after the trip over the wire (dumped, parsed), except what the header says
// changes: an empty string under a timestamp key comes back null. Any JSON,
// read as a Value or a document's fields from the server, must decode or
// throw collproc::Error.

#include "core/firestore/value.hpp"
#include "core/util/error.hpp"
#include "tests/fuzz/fuzz_support.hpp"

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

using namespace collproc;
using nlohmann::json;

namespace {

// The keys sync encodes as timestamps (firestore/sync.cpp).
const std::set<std::string>& timestamp_keys()
{
  static const std::set<std::string> keys{"started_at", "completed_at", "last_updated"};
  return keys;
}

// The value as decode_value(encode_value(value)) must give it back.
json after_round_trip(const json& value)
{
  if (value.is_array()) {
    json out = json::array();
    for (const json& e : value) {
      out.push_back(after_round_trip(e));
    }
    return out;
  }
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [k, e] : value.items()) {
      const bool empty_timestamp =
          timestamp_keys().count(k) != 0 && e.is_string() && e.get<std::string>().empty();
      out[k] = empty_timestamp ? json(nullptr) : after_round_trip(e);
    }
    return out;
  }
  return value;
}

void check_round_trip(const json& value)
{
  json encoded;
  try {
    encoded = firestore::encode_value(value, timestamp_keys());
  } catch (const Error&) {
    return; // what Firestore cannot store is refused before sending
  }
  const json received = json::parse(encoded.dump());
  if (firestore::decode_value(received) != after_round_trip(value)) {
    std::abort();
  }
  if (value.is_object()) {
    const json fields = firestore::encode_fields(value, timestamp_keys());
    if (fields != encoded["mapValue"].value("fields", json::object()) ||
        firestore::decode_fields(json::parse(fields.dump())) != after_round_trip(value) ||
        firestore::document_size("collections/c/items/i", fields) <= 0) {
      std::abort();
    }
    std::vector<std::string> keys;
    for (const auto& [k, e] : value.items()) {
      keys.push_back(k);
    }
    (void)firestore::field_path(keys);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const json value = json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    return 0;
  }
  check_round_trip(value);
  try {
    (void)firestore::decode_value(value);
  } catch (const Error&) {
    // a malformed Value from the server
  }
  try {
    (void)firestore::decode_fields(value);
  } catch (const Error&) {
  }
  return 0;
}
