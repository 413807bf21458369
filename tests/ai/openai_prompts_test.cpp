// tests/ai/openai_prompts_test.cpp mirrors core/ai/openai_prompts.cpp and
// core/ai/json_schema.cpp: the questions' schemas and checks, and what a
// page looks like to the model.

#include "core/ai/json_schema.hpp"
#include "core/ai/openai_prompts.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using nlohmann::json;

namespace {

model::TextPage one_row_page()
{
  model::TextPage page;
  page.page = 2;
  page.width = 600;
  page.height = 800;
  // "SS26-1042   Linen Dress   $42.00": three cells, wide gaps between them.
  page.words = {{"SS26-1042", {36, 100, 90, 110}, 10, false},
                {"Linen", {200, 100, 230, 110}, 10, false},
                {"Dress", {233, 100, 260, 110}, 10, false},
                {"$42.00", {400, 100, 440, 110}, 10, false}};
  page.lines = {{{36, 100, 440, 110}, {0, 1, 2, 3}, "SS26-1042 Linen Dress $42.00", 10}};
  page.blocks = {{{36, 100, 440, 110}, {0}}};
  return page;
}

json product(double x0, double y0, double x1, double y1)
{
  return {
      {"style_number", "SS26-1042"}, {"name", "Linen Dress"},
      {"description", ""},           {"category", "Dresses"},
      {"colors", {"Black"}},         {"sizes", {"S", "M"}},
      {"wholesale_price", 42.0},     {"retail_price", nullptr},
      {"currency", "USD"},           {"bbox", {{"x0", x0}, {"y0", y0}, {"x1", x1}, {"y1", y1}}}};
}

} // namespace

TEST_CASE("schema_violation names the first broken path", "[ai]")
{
  const json schema = {{"type", "object"},
                       {"additionalProperties", false},
                       {"required", {"items"}},
                       {"properties",
                        {{"items",
                          {{"type", "array"},
                           {"items",
                            {{"type", "object"},
                             {"required", {"n", "kind"}},
                             {"properties",
                              {{"n", {{"type", json::array({"number", "null"})}}},
                               {"kind", {{"type", "string"}, {"enum", {"a", "b"}}}}}}}}}}}}};
  CHECK_FALSE(ai::schema_violation(
      json::parse(R"({"items": [{"n": 1, "kind": "a"}, {"n": null, "kind": "b"}]})"), schema));
  CHECK(*ai::schema_violation(json::parse(R"({"items": [{"n": "1", "kind": "a"}]})"), schema) ==
        "$.items[0].n: expected number or null, got string");
  CHECK(*ai::schema_violation(json::parse(R"({"items": [{"n": 1}]})"), schema) ==
        "$.items[0]: missing required property \"kind\"");
  CHECK(*ai::schema_violation(json::parse(R"({"items": [{"n": 1, "kind": "c"}]})"), schema) ==
        "$.items[0].kind: \"c\" is not one of [\"a\",\"b\"]");
  CHECK(*ai::schema_violation(json::parse(R"({"items": [], "extra": 1})"), schema) ==
        "$: unexpected property \"extra\"");
  CHECK(*ai::schema_violation(json::parse("[]"), schema) == "$: expected object, got array");
}

TEST_CASE("A page shows the model its word groups with boxes, and the kept photos", "[ai]")
{
  model::PageImages kept;
  kept.page = 2;
  kept.placements.push_back({"img", 2, 0, {36, 20, 200, 95}, 800, 600, "abc", "jpg", 7});
  const std::string text = ai::openai::describe_page(one_row_page(), &kept);
  CHECK(text.find("Linesheet page 2 (600 x 800 points)") != std::string::npos);
  CHECK(text.find("block 1 [36.0, 100.0, 440.0, 110.0]") != std::string::npos);
  // The row's three cells stay apart; the two words of the name stay together.
  CHECK(text.find("[36.0, 100.0, 90.0, 110.0] 10.0 \"SS26-1042\"") != std::string::npos);
  CHECK(text.find("[200.0, 100.0, 260.0, 110.0] 10.0 \"Linen Dress\"") != std::string::npos);
  CHECK(text.find("[400.0, 100.0, 440.0, 110.0] 10.0 \"$42.00\"") != std::string::npos);
  CHECK(text.find("photo 1 [36.0, 20.0, 200.0, 95.0]") != std::string::npos);
  CHECK(text.find("abc") ==
        std::string::npos); // no image hashes or IDs: the model needs boxes only
}

TEST_CASE("The products question accepts a right answer and names what is wrong with others",
          "[ai]")
{
  ai::ProductRequest request;
  request.pages = {one_row_page(), model::TextPage{3, 600, 800, {}, {}, {}}};
  request.categories = {"Dresses", "Tops"};
  std::vector<int> pages;
  const auto questions = ai::openai::product_questions(request, pages);
  REQUIRE(questions.size() == 1); // the page without words asks nothing
  CHECK(pages == std::vector<int>{2});
  const auto& q = questions[0];
  CHECK(q.system.find("JSON schema:\n{") != std::string::npos);

  const json right = {{"products", {product(30, 20, 445, 112)}}};
  CHECK_FALSE(ai::schema_violation(right, q.schema));
  CHECK_FALSE(q.check(right));
  const auto products = ai::openai::read_products(right, 2, "EUR");
  REQUIRE(products.size() == 1);
  CHECK(products[0].page == 2);
  CHECK(products[0].currency == "USD");
  CHECK_FALSE(products[0].retail_price);
  CHECK(products[0].bbox == model::BBox{30, 20, 445, 112});

  json other_category = right;
  other_category["products"][0]["category"] = "Shoes";
  CHECK(ai::schema_violation(other_category, q.schema)->find("$.products[0].category") == 0);
  CHECK(*q.check({{"products", {product(30, 20, 700, 112)}}}) ==
        "$.products[0].bbox: outside the 600 x 800 page");
  CHECK(*q.check({{"products", {product(300, 20, 100, 112)}}}) ==
        "$.products[0].bbox: x0 < x1 and y0 < y1 expected");
  json no_style = right;
  no_style["products"][0]["style_number"] = "  ";
  CHECK(*q.check(no_style) == "$.products[0].style_number: empty");
}

TEST_CASE("The columns question needs a style and a quantity, each column once", "[ai]")
{
  model::PoTable table;
  table.header = {"Style", "Colour", "S", "M", "Total"};
  table.rows = {{12, {"SS26-1042", "Black", "2", "4", "6"}}, {13, {"", "", "", "", ""}}};
  const auto q = ai::openai::columns_question({table});
  CHECK(q.user.find("Header: [\"Style\",\"Colour\",\"S\",\"M\",\"Total\"]") != std::string::npos);
  CHECK(q.user.find("Row 12: [\"SS26-1042\",\"Black\",\"2\",\"4\",\"6\"]") != std::string::npos);
  CHECK(q.user.find("(1 of 1 data rows shown)") != std::string::npos);

  const json right = json::parse(R"({"columns": [
    {"column": 0, "field": "style_number", "size_label": "", "evidence": "style codes"},
    {"column": 1, "field": "color", "size_label": "", "evidence": "colour names"},
    {"column": 2, "field": "size_run", "size_label": "S", "evidence": "size header"},
    {"column": 3, "field": "size_run", "size_label": "M", "evidence": "size header"}]})");
  CHECK_FALSE(ai::schema_violation(right, q.schema));
  CHECK_FALSE(q.check(right));
  const auto mapping = ai::openai::read_columns(right, table, "openai:m");
  REQUIRE(mapping.columns.size() == 5);
  CHECK(mapping.engine == "openai:m");
  CHECK(mapping.columns[3].size_label == "M");
  CHECK(mapping.columns[4].field == "ignore");

  json twice = right;
  twice["columns"][1]["column"] = 0;
  CHECK(*q.check(twice) == "$.columns[1].column: column 0 is named twice");
  json out_of_range = right;
  out_of_range["columns"][1]["column"] = 9;
  CHECK(*q.check(out_of_range) == "$.columns[1].column: 9 is not a column (the table has 5)");
  CHECK(
      *q.check(json::parse(
          R"({"columns": [{"column": 0, "field": "style_number", "size_label": "", "evidence": ""}]})")) ==
      "$.columns: no quantity or size_run column");
}
