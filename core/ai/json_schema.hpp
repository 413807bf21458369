#pragma once
// A validator for the subset of JSON Schema that the openai engine's reply
// schemas use (the subset OpenAI's structured outputs accept): type (one or
// a list, "null" included), properties, required, additionalProperties
// false, items, enum, pattern, minItems, maxItems, minimum, maximum.
// Keywords outside the subset are ignored.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace collproc::ai {

// The first way value breaks schema, as "$.products[2].bbox.x0: expected
// number, got string"; nullopt when it conforms.
std::optional<std::string> schema_violation(const nlohmann::json& value,
                                            const nlohmann::json& schema);

} // namespace collproc::ai
