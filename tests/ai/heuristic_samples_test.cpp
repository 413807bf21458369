// tests/ai/heuristic_samples_test.cpp: the heuristic engine on the sample
// linesheets of testdata/, compared with their truth.json.
#include "core/ai/heuristic_categories.hpp"
#include "core/ai/heuristic_products.hpp"
#include "core/ai/provider.hpp"
#include "tests/ai/sample_linesheets.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace collproc;
using namespace collproc::ai;

namespace {

std::vector<model::Product> read_products(const test::SampleSheet& sheet,
                                          const std::vector<std::string>& categories,
                                          int* units = nullptr)
{
  ProductRequest request;
  request.pages = sheet.pages;
  request.kept = sheet.kept;
  request.categories = categories;
  return heuristic::products(request, [&] {
    if (units != nullptr) {
      ++*units;
    }
  });
}

void compare_with_truth(const std::vector<model::Product>& got, const nlohmann::json& truth,
                        const std::string& linesheet = "")
{
  std::vector<nlohmann::json> want;
  for (const auto& p : truth["products"]) {
    if (linesheet.empty() || p.value("linesheet", "linesheet.pdf") == linesheet) {
      want.push_back(p);
    }
  }
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    const nlohmann::json& w = want[i];
    const model::Product& p = got[i];
    INFO(w.dump());
    CHECK(p.style_number == w["style_number"].get<std::string>());
    CHECK(p.name == w["name"].get<std::string>());
    CHECK(p.colors == w["colors"].get<std::vector<std::string>>());
    CHECK(p.sizes == w["sizes"].get<std::vector<std::string>>());
    REQUIRE(p.wholesale_price.has_value());
    REQUIRE(p.retail_price.has_value());
    CHECK(*p.wholesale_price == Approx(w["wholesale_price"].get<double>()));
    CHECK(*p.retail_price == Approx(w["retail_price"].get<double>()));
    CHECK(p.currency == truth["currency"].get<std::string>());
    CHECK(p.category == w["category"].get<std::string>());
    CHECK(p.page == w["page"].get<int>());
    CHECK(p.bbox.area() > 0);
  }
}

std::vector<std::string> truth_categories(const nlohmann::json& truth)
{
  std::vector<std::string> out;
  for (const auto& p : truth["products"]) {
    const std::string c = p["category"].get<std::string>();
    if (std::find(out.begin(), out.end(), c) == out.end()) {
      out.push_back(c);
    }
  }
  return out;
}

} // namespace

TEST_CASE("Heuristic products of the grid linesheet match its truth", "[ai][samples]")
{
  const test::SampleSheet sheet = test::read_sample("grid-basic");
  int units = 0;
  const std::vector<model::Product> got = read_products(sheet, {}, &units);
  CHECK(units == static_cast<int>(sheet.pages.size()));
  compare_with_truth(got, sheet.truth);
}

TEST_CASE("Heuristic products of the table linesheet match its truth", "[ai][samples]")
{
  const test::SampleSheet sheet = test::read_sample("table-rows");
  compare_with_truth(read_products(sheet, {}), sheet.truth);
}

TEST_CASE("Heuristic products of the sectioned linesheet take their headings' categories",
          "[ai][samples]")
{
  const test::SampleSheet sheet = test::read_sample("sections");
  compare_with_truth(read_products(sheet, {}), sheet.truth);
}

TEST_CASE("Heuristic products of two linesheets match their truth", "[ai][samples]")
{
  const test::SampleSheet one = test::read_sample("two-linesheets", "linesheet.pdf");
  const test::SampleSheet two = test::read_sample("two-linesheets", "linesheet-2.pdf");
  compare_with_truth(read_products(one, {}), one.truth, "linesheet.pdf");
  compare_with_truth(read_products(two, {}), two.truth, "linesheet-2.pdf");
}

TEST_CASE("Heuristic categories come from headings, else from product names", "[ai][samples]")
{
  for (const char* name : {"grid-basic", "table-rows", "sections"}) {
    INFO(name);
    const test::SampleSheet sheet = test::read_sample(name);
    CategoryRequest request;
    request.linesheets.push_back({{}, sheet.pages, sheet.kept});
    int units = 0;
    std::vector<std::string> got = heuristic::categories(request, [&] { ++units; });
    CHECK(units == static_cast<int>(sheet.pages.size())); // one progress step a page
    std::vector<std::string> want = truth_categories(sheet.truth);
    // Order of first appearance in the document is the truth's product order.
    CHECK(got == want);
  }
}

TEST_CASE("The heuristic engine answers the same from the words alone", "[ai][samples]")
{
  // Phases 4 and 5 read only what text_detail() asks for; for this engine
  // that is the words, so lines and blocks must not change an answer.
  const auto engine = make_heuristic_provider();
  REQUIRE(engine->text_detail() == model::TextDetail::words);
  for (const char* name : {"grid-basic", "table-rows", "sections"}) {
    INFO(name);
    const test::SampleSheet sheet = test::read_sample(name);
    std::vector<model::TextPage> words_only = sheet.pages;
    std::size_t lines = 0;
    for (model::TextPage& page : words_only) {
      lines += page.lines.size();
      page.lines.clear();
      page.blocks.clear();
    }
    REQUIRE(lines > 0); // the full pages do carry lines

    ProductRequest full{{}, sheet.pages, sheet.kept, truth_categories(sheet.truth)};
    ProductRequest lean{{}, words_only, sheet.kept, truth_categories(sheet.truth)};
    const auto want = engine->products(full, {});
    REQUIRE_FALSE(want.empty());
    CHECK(nlohmann::json(engine->products(lean, {})) == nlohmann::json(want));

    CategoryRequest full_cats;
    full_cats.linesheets.push_back({{}, sheet.pages, sheet.kept});
    CategoryRequest lean_cats;
    lean_cats.linesheets.push_back({{}, words_only, sheet.kept});
    CHECK(engine->categories(lean_cats, {}) == engine->categories(full_cats, {}));
  }
}
