#pragma once
// Firestore's REST value encoding (google.firestore.v1.Value) and its
// documented limits. Pure functions: no I/O, so they are tested directly.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace collproc::firestore {

// 1 MiB: the largest document Firestore stores.
constexpr int64_t k_max_document_bytes = 1048576;
// The most writes one documents:commit request may carry.
constexpr std::size_t k_max_writes_per_commit = 500;
// Maps and arrays nest at most this deep.
constexpr int k_max_depth = 20;

// The Value of a JSON value: integers become integerValue (a decimal
// string), other numbers doubleValue, arrays arrayValue, objects mapValue.
// String values of object keys named in `timestamp_keys` become
// timestampValue (RFC 3339), or nullValue when empty. Throws
// Error(job_failed) for what Firestore cannot store: an array directly inside
// an array, nesting deeper than k_max_depth, or an integer above INT64_MAX.
nlohmann::json encode_value(const nlohmann::json& value,
                            const std::set<std::string>& timestamp_keys = {});
// A document's `fields` map: encode_value of each member of an object.
nlohmann::json encode_fields(const nlohmann::json& object,
                             const std::set<std::string>& timestamp_keys = {});

// Back to plain JSON (timestampValue as its string, integerValue as a
// number); throws Error(job_failed) for a malformed Value.
nlohmann::json decode_value(const nlohmann::json& value);
nlohmann::json decode_fields(const nlohmann::json& fields);

// One segment of a field path, quoted with backticks (and \` \\ escaped)
// unless it is a simple name: [A-Za-z_][A-Za-z_0-9]*.
std::string quote_segment(const std::string& segment);
// Segments joined with dots, each quoted as needed.
std::string field_path(const std::vector<std::string>& segments);

// The stored size Firestore counts against k_max_document_bytes, after its
// "storage size calculations": `path` is the document's path below
// .../documents ("collections/ss26/items/abc"), `fields` encoded Values.
int64_t document_size(const std::string& path, const nlohmann::json& fields);

} // namespace collproc::firestore
