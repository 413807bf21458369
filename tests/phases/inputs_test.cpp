// tests/phases/inputs_test.cpp mirrors core/phases/inputs.cpp
#include "core/pdf/pdf_document.hpp"
#include "core/phases/inputs.hpp"
#include "core/phases/names.hpp"
#include "core/state/state_store.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace collproc;
using collproc::test::TempDir;

TEST_CASE("text_pages reads a document's pages in order, whole or words only", "[phases]")
{
  TempDir dir;
  state::StateStore store(dir.path() / "collproc.db", state::StateStore::Open::create);
  pdf::Document pdf =
      pdf::Document::open(test::testdata_dir() / "grid-basic" / "linesheet.pdf", "linesheet.pdf");
  REQUIRE(pdf.page_count() >= 1);
  // More pages than one parse batch, each a real page's text, stored as
  // phase 2 stores them.
  const int units = 37;
  std::vector<model::TextPage> stored;
  for (int unit = 1; unit <= units; ++unit) {
    model::TextPage page = pdf::extract_text(pdf, 1 + (unit - 1) % pdf.page_count());
    page.page = unit;
    store.put_output("ss26", phases::k_extract_text, "doc-a", unit, nlohmann::json(page).dump());
    stored.push_back(std::move(page));
  }
  store.put_output("ss26", phases::k_extract_text, "doc-b", 1, nlohmann::json(stored[0]).dump());
  REQUIRE_FALSE(stored[0].lines.empty());
  REQUIRE_FALSE(stored[0].blocks.empty());

  const auto full = phases::text_pages(store, "ss26", "doc-a");
  REQUIRE(full.size() == stored.size());
  CHECK(nlohmann::json(full) == nlohmann::json(stored));

  const auto words = phases::text_pages(store, "ss26", "doc-a", model::TextDetail::words);
  REQUIRE(words.size() == stored.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    INFO(i);
    CHECK(words[i].page == stored[i].page);
    CHECK(words[i].width == stored[i].width);
    CHECK(words[i].height == stored[i].height);
    CHECK(nlohmann::json(words[i].words) == nlohmann::json(stored[i].words));
    CHECK(words[i].lines.empty());
    CHECK(words[i].blocks.empty());
  }
  CHECK(phases::text_pages(store, "ss26", "doc-c").empty());
}
