#pragma once
// Test support: a fresh directory per test case, removed afterwards, and
// paths to the source tree and the built collproc binary.

#include <filesystem>
#include <string>

namespace collproc::test {

class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

std::filesystem::path source_dir();   // the checkout
std::filesystem::path testdata_dir(); // source_dir() / "testdata"
std::filesystem::path collproc_binary();

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& bytes);

} // namespace collproc::test
