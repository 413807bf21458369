#pragma once
// Paths to the committed fixtures made by tests/po/make_fixtures.py.

#include "tests/support/temp_dir.hpp"

#include <filesystem>
#include <string>

namespace collproc::test {

inline std::filesystem::path po_fixture(const std::string& name)
{
  return source_dir() / "tests" / "po" / "fixtures" / name;
}

} // namespace collproc::test
