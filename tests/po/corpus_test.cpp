// Every hostile file of the shared robustness corpus gives a table or a
// bad_input error: never a crash, a hang or unbounded memory.
#include "core/po/read_po.hpp"
#include "core/util/error.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace collproc;

TEST_CASE("the readers give a table or bad_input for every robustness corpus file", "[po][corpus]")
{
  const std::filesystem::path corpus =
      collproc::test::source_dir() / ".." / "shared" / "corpus" / "robustness";
  if (!std::filesystem::is_directory(corpus)) {
    WARN("robustness corpus not found at " << corpus.string() << ": skipped");
    return;
  }
  int files = 0;
  for (const char* format : {"xlsx", "csv"}) {
    if (!std::filesystem::is_directory(corpus / format)) {
      continue;
    }
    for (const auto& entry : std::filesystem::directory_iterator(corpus / format)) {
      const std::string name = entry.path().filename().string();
      INFO(name);
      ++files;
      const auto start = std::chrono::steady_clock::now();
      try {
        const model::PoTable t = po::read_po(entry.path(), name, format);
        CHECK(!t.header.empty());
      } catch (const Error& e) {
        CHECK((e.code() == ExitCode::bad_input || e.code() == ExitCode::job_failed));
        CHECK(std::string(e.what()).starts_with(name + ": "));
      }
      CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
    }
  }
  CHECK(files > 0);
}
