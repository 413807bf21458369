#include "core/firestore/value.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <regex>
#include <system_error>

namespace collproc::firestore {

using nlohmann::json;

namespace {

[[noreturn]] void unstorable(const std::string& why)
{
  throw Error(ExitCode::job_failed, "firestore: cannot encode value: " + why,
              "this is a bug in collproc if it repeats; please report it with the command you ran");
}

json encode(const json& v, const std::set<std::string>& ts, int depth, bool in_array)
{
  if (depth > k_max_depth) {
    unstorable(fmt::format("maps and arrays nest deeper than {} levels", k_max_depth));
  }
  switch (v.type()) {
  case json::value_t::null:
    return {{"nullValue", nullptr}};
  case json::value_t::boolean:
    return {{"booleanValue", v.get<bool>()}};
  case json::value_t::number_integer:
    return {{"integerValue", std::to_string(v.get<int64_t>())}};
  case json::value_t::number_unsigned:
    if (v.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      unstorable(
          fmt::format("{} is outside the 64-bit integers Firestore stores", v.get<uint64_t>()));
    }
    return {{"integerValue", std::to_string(v.get<uint64_t>())}};
  case json::value_t::number_float:
    return {{"doubleValue", v.get<double>()}};
  case json::value_t::string:
    return {{"stringValue", v.get<std::string>()}};
  case json::value_t::array: {
    if (in_array) {
      unstorable("an array directly inside an array");
    }
    json values = json::array();
    for (const auto& e : v) {
      values.push_back(encode(e, ts, depth + 1, true));
    }
    // An empty array is an ArrayValue without `values`, as Firestore returns it.
    return {{"arrayValue", values.empty() ? json::object() : json{{"values", values}}}};
  }
  case json::value_t::object: {
    json fields = json::object();
    for (const auto& [k, e] : v.items()) {
      if (ts.count(k) && e.is_string()) {
        fields[k] = e.get<std::string>().empty() ? json{{"nullValue", nullptr}}
                                                 : json{{"timestampValue", e}};
      } else {
        fields[k] = encode(e, ts, depth + 1, false);
      }
    }
    return {{"mapValue", fields.empty() ? json::object() : json{{"fields", fields}}}};
  }
  default:
    unstorable("binary data");
  }
}

[[noreturn]] void malformed(const json& v)
{
  throw Error(ExitCode::job_failed,
              "firestore: malformed value from the server: " + v.dump().substr(0, 200),
              "check that the endpoint is Firestore's REST API v1");
}

int64_t string_size(const std::string& s)
{
  return static_cast<int64_t>(s.size()) + 1;
}

int64_t value_size(const json& v)
{
  if (!v.is_object() || v.size() != 1) {
    malformed(v);
  }
  // Through the iterator: *v.items().begin() is a reference into a temporary
  // proxy that dies with the statement, leaving kind and x dangling.
  const json::const_iterator member = v.begin();
  const std::string& kind = member.key();
  const json& x = member.value();
  if (kind == "stringValue") {
    return string_size(x.get<std::string>());
  }
  if (kind == "integerValue" || kind == "doubleValue" || kind == "timestampValue") {
    return 8;
  }
  if (kind == "booleanValue" || kind == "nullValue") {
    return 1;
  }
  if (kind == "geoPointValue") {
    return 16;
  }
  if (kind == "bytesValue") {
    return static_cast<int64_t>(x.get<std::string>().size() * 3 / 4);
  }
  if (kind == "referenceValue") {
    return string_size(x.get<std::string>()) + 16;
  }
  if ((kind == "arrayValue" || kind == "mapValue") && !x.is_object()) {
    malformed(v);
  }
  int64_t total = 0;
  if (kind == "arrayValue") {
    for (const auto& e : x.value("values", json::array())) {
      total += value_size(e);
    }
    return total;
  }
  if (kind == "mapValue") {
    // A named copy: iterating items() of a temporary would outlive it.
    const json fields = x.value("fields", json::object());
    for (const auto& [k, e] : fields.items()) {
      total += string_size(k) + value_size(e);
    }
    return total;
  }
  malformed(v);
}

} // namespace

json encode_value(const json& value, const std::set<std::string>& timestamp_keys)
{
  return encode(value, timestamp_keys, 0, false);
}

json encode_fields(const json& object, const std::set<std::string>& timestamp_keys)
{
  return encode(object, timestamp_keys, 0, false)["mapValue"].value("fields", json::object());
}

json decode_value(const json& v)
{
  if (!v.is_object() || v.size() != 1) {
    malformed(v);
  }
  const json::const_iterator member = v.begin(); // not items(): see value_size
  const std::string& kind = member.key();
  const json& x = member.value();
  if (kind == "nullValue") {
    return nullptr;
  }
  if (kind == "integerValue") {
    // A decimal int64 string (proto3 JSON), all of it; stoll would accept
    // "12abc" and throw its own exceptions for the rest.
    if (x.is_string()) {
      const std::string& text = x.get_ref<const std::string&>();
      int64_t n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || end != text.data() + text.size()) {
        malformed(v);
      }
      return n;
    }
    if (!x.is_number_integer()) {
      malformed(v);
    }
    return x;
  }
  if (kind == "booleanValue" || kind == "doubleValue" || kind == "stringValue" ||
      kind == "timestampValue" || kind == "referenceValue" || kind == "bytesValue" ||
      kind == "geoPointValue") {
    return x;
  }
  if ((kind == "arrayValue" || kind == "mapValue") && !x.is_object()) {
    malformed(v);
  }
  if (kind == "arrayValue") {
    json out = json::array();
    for (const auto& e : x.value("values", json::array())) {
      out.push_back(decode_value(e));
    }
    return out;
  }
  if (kind == "mapValue") {
    return decode_fields(x.value("fields", json::object()));
  }
  malformed(v);
}

json decode_fields(const json& fields)
{
  json out = json::object();
  for (const auto& [k, e] : fields.items()) {
    out[k] = decode_value(e);
  }
  return out;
}

std::string quote_segment(const std::string& segment)
{
  static const std::regex simple("[A-Za-z_][A-Za-z_0-9]*");
  if (std::regex_match(segment, simple)) {
    return segment;
  }
  std::string out = "`";
  for (const char c : segment) {
    if (c == '`' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "`";
}

std::string field_path(const std::vector<std::string>& segments)
{
  std::string out;
  for (const auto& s : segments) {
    out += (out.empty() ? "" : ".") + quote_segment(s);
  }
  return out;
}

int64_t document_size(const std::string& path, const json& fields)
{
  // Name: each collection and document ID as a string, plus 16 bytes.
  int64_t total = 16;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    total += string_size(path.substr(start, end - start));
    if (slash == std::string::npos) {
      break;
    }
    start = slash + 1;
  }
  for (const auto& [k, v] : fields.items()) {
    total += string_size(k) + value_size(v);
  }
  return total + 32;
}

} // namespace collproc::firestore
