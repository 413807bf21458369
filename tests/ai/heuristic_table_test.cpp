// tests/ai/heuristic_table_test.cpp mirrors core/ai/heuristic_table.cpp
#include "core/ai/heuristic_table.hpp"
#include "tests/ai/text_page.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using namespace collproc::ai::heuristic;

namespace {

// A page of one header line, words 4 pt a character, 1 pt apart (no gutter).
model::TextPage header_page(const std::vector<std::pair<double, std::string>>& cells)
{
  model::TextPage page;
  page.page = 1;
  page.width = 612;
  page.height = 792;
  for (const auto& [x, text] : cells) {
    test::put_words(page, x, 100, text, {7, false, 1});
  }
  return page;
}

std::vector<Field> fields_of(const model::TextPage& page)
{
  const std::optional<Table> t = find_table(analyse(page), page);
  std::vector<Field> out;
  if (t) {
    for (const TableColumn& c : t->columns) {
      out.push_back(c.field);
    }
  }
  return out;
}

} // namespace

TEST_CASE("header_field names the fields of common header cells", "[ai]")
{
  CHECK(header_field("Style No") == Field::style);
  CHECK(header_field("SKU") == Field::style);
  CHECK(header_field("Description") == Field::name);
  CHECK(header_field("Colours") == Field::colors);
  CHECK(header_field("Sizes") == Field::sizes);
  CHECK(header_field("WHS (GBP)") == Field::wholesale);
  CHECK(header_field("Trade") == Field::wholesale);
  CHECK(header_field("MSRP") == Field::retail);
  CHECK(header_field("Department") == Field::category);
  CHECK(header_field("SS26-1042") == Field::none);
}

TEST_CASE("find_table splits header cells a narrow gutter ran together, not one field's words",
          "[ai]")
{
  CHECK(
      fields_of(header_page(
          {{112, "Item No Description"}, {330, "Colours"}, {428, "Price"}, {470, "MSRP Size"}})) ==
      std::vector<Field>{Field::style, Field::name, Field::colors, Field::price, Field::retail,
                         Field::sizes});
  CHECK(fields_of(header_page(
            {{40, "Style Name"}, {200, "Style No"}, {300, "Wholesale Price"}, {420, "Sizes"}})) ==
        std::vector<Field>{Field::name, Field::style, Field::wholesale, Field::sizes});
  CHECK(fields_of(header_page({{40, "Name"}, {200, "Notes"}})).empty());
}
