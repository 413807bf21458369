// tests/model/json_test.cpp mirrors core/model/json.cpp and the JSON helpers of types.hpp
#include "core/model/order.hpp"
#include "core/model/types.hpp"

#include <catch2/catch.hpp>

using namespace collproc;

TEST_CASE("dump_list writes the bytes of json(list).dump()", "[model]")
{
  model::Product a;
  a.product_id = "p-1";
  a.style_number = "AB-100";
  a.name = "Robe \"Élise\" — lin";
  a.colors = {"Noir", "Écru"};
  a.sizes = {"S", "M"};
  a.wholesale_price = 42.5;
  a.currency = "EUR";
  a.page = 3;
  a.bbox = {1, 2, 3.25, 4};
  model::Product b = a;
  b.product_id = "p-2";
  b.wholesale_price.reset();
  b.retail_price = 98;
  b.colors.clear();

  const std::vector<model::Product> products{a, b};
  CHECK(model::dump_list(products) == nlohmann::json(products).dump());
  CHECK(model::dump_list(std::vector<model::Product>{a}) ==
        nlohmann::json(std::vector<model::Product>{a}).dump());
  CHECK(model::dump_list(std::vector<model::Product>{}) == "[]");
  CHECK(nlohmann::json::parse(model::dump_list(products))
            .get<std::vector<model::Product>>()[1]
            .retail_price == 98);

  const std::vector<model::ImageMatch> matches{{"i-1", "p-1", 0.75}, {"i-2", "p-2", 1}};
  CHECK(model::dump_list(matches) == nlohmann::json(matches).dump());
}
