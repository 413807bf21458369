#include "core/ai/json_schema.hpp"

#include <fmt/format.h>

#include <regex>

namespace collproc::ai {

namespace {

using nlohmann::json;

std::string type_of(const json& v)
{
  switch (v.type()) {
  case json::value_t::null:
    return "null";
  case json::value_t::boolean:
    return "boolean";
  case json::value_t::number_integer:
  case json::value_t::number_unsigned:
    return "integer";
  case json::value_t::number_float:
    return "number";
  case json::value_t::string:
    return "string";
  case json::value_t::array:
    return "array";
  case json::value_t::object:
    return "object";
  default:
    return "unknown";
  }
}

bool has_type(const json& v, const std::string& type)
{
  const std::string actual = type_of(v);
  if (type == "number") {
    return actual == "number" || actual == "integer";
  }
  if (type == "integer" && actual == "number") {
    // 3.0 is an integer in JSON Schema's sense.
    const double d = v.get<double>();
    return d == static_cast<double>(static_cast<long long>(d));
  }
  return actual == type;
}

std::optional<std::string> check(const json& v, const json& schema, const std::string& path)
{
  if (schema.contains("type")) {
    const json& t = schema["type"];
    bool ok = false;
    std::string wanted;
    if (t.is_string()) {
      ok = has_type(v, t.get<std::string>());
      wanted = t.get<std::string>();
    } else {
      for (const auto& one : t) {
        ok = ok || has_type(v, one.get<std::string>());
        wanted += (wanted.empty() ? "" : " or ") + one.get<std::string>();
      }
    }
    if (!ok) {
      return fmt::format("{}: expected {}, got {}", path, wanted, type_of(v));
    }
  }
  if (schema.contains("enum")) {
    bool found = false;
    for (const auto& e : schema["enum"]) {
      found = found || e == v;
    }
    if (!found) {
      return fmt::format("{}: {} is not one of {}", path, v.dump(), schema["enum"].dump());
    }
  }
  if (v.is_string() && schema.contains("pattern")) {
    const std::regex re(schema["pattern"].get<std::string>(), std::regex::ECMAScript);
    if (!std::regex_search(v.get<std::string>(), re)) {
      return fmt::format("{}: {} does not match the pattern {}", path, v.dump(),
                         schema["pattern"].dump());
    }
  }
  if (v.is_number()) {
    const double d = v.get<double>();
    if (schema.contains("minimum") && d < schema["minimum"].get<double>()) {
      return fmt::format("{}: {} is below the minimum {}", path, v.dump(),
                         schema["minimum"].dump());
    }
    if (schema.contains("maximum") && d > schema["maximum"].get<double>()) {
      return fmt::format("{}: {} is above the maximum {}", path, v.dump(),
                         schema["maximum"].dump());
    }
  }
  if (v.is_object()) {
    const json empty = json::object();
    const json& props = schema.contains("properties") ? schema["properties"] : empty;
    if (schema.contains("required")) {
      for (const auto& key : schema["required"]) {
        if (!v.contains(key.get<std::string>())) {
          return fmt::format("{}: missing required property \"{}\"", path, key.get<std::string>());
        }
      }
    }
    for (const auto& [key, child] : v.items()) {
      if (props.contains(key)) {
        if (auto problem = check(child, props[key], path + "." + key)) {
          return problem;
        }
      } else if (schema.contains("additionalProperties") &&
                 schema["additionalProperties"] == false) {
        return fmt::format("{}: unexpected property \"{}\"", path, key);
      }
    }
  }
  if (v.is_array()) {
    if (schema.contains("minItems") && v.size() < schema["minItems"].get<size_t>()) {
      return fmt::format("{}: {} items, at least {} expected", path, v.size(),
                         schema["minItems"].get<size_t>());
    }
    if (schema.contains("maxItems") && v.size() > schema["maxItems"].get<size_t>()) {
      return fmt::format("{}: {} items, at most {} expected", path, v.size(),
                         schema["maxItems"].get<size_t>());
    }
    if (schema.contains("items")) {
      for (size_t i = 0; i < v.size(); ++i) {
        if (auto problem = check(v[i], schema["items"], fmt::format("{}[{}]", path, i))) {
          return problem;
        }
      }
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> schema_violation(const nlohmann::json& value,
                                            const nlohmann::json& schema)
{
  return check(value, schema, "$");
}

} // namespace collproc::ai
