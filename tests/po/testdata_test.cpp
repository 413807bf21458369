// The sample collections' POs (testdata/<case>/po.xlsx|po.csv) read back as
// the po_lines of their truth.json; skipped when testdata/ is absent.
#include "core/po/columns.hpp"
#include "core/po/enrich.hpp"
#include "core/po/read_po.hpp"
#include "core/po/skus.hpp"
#include "core/po/text.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <tuple>

using namespace collproc;

TEST_CASE("sample POs give the SKUs their truth lists", "[po][testdata]")
{
  const std::filesystem::path root = collproc::test::testdata_dir();
  if (!std::filesystem::is_directory(root)) {
    WARN("no testdata: skipped");
    return;
  }
  for (const auto& dir : std::filesystem::directory_iterator(root)) {
    for (const char* format : {"xlsx", "csv"}) {
      const std::filesystem::path po = dir.path() / (std::string("po.") + format);
      if (!std::filesystem::exists(po) || !std::filesystem::exists(dir.path() / "truth.json")) {
        continue;
      }
      INFO(po.string());
      const nlohmann::json truth =
          nlohmann::json::parse(collproc::test::read_file(dir.path() / "truth.json"));
      using Key = std::tuple<std::string, std::string, std::string>;
      std::map<Key, int> expected;
      for (const nlohmann::json& line : truth.at("po_lines")) {
        const std::string size = line.value("size", "");
        expected[{po::normalise_style(line.at("style_number").get<std::string>()),
                  po::fold(line.value("color", "")), po::fold(size)}] +=
            line.at("quantity").get<int>();
      }
      const model::PoTable table = po::read_po(po, po.filename().string(), format);
      const po::SkuExtraction x = po::extract_skus(table, po::identify_columns(table));
      std::map<Key, int> got;
      for (const model::Sku& s : x.skus) {
        got[{po::normalise_style(s.style_number), po::fold(s.color), po::fold(s.size)}] +=
            s.quantity;
      }
      CHECK(got == expected);
    }
  }
}
