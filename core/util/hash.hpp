#pragma once
// SHA-256 through OpenSSL's EVP API, as lowercase hex.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace collproc::util {

std::string sha256_hex(std::string_view bytes);

// Hashes a file by streaming it; throws collproc::Error(bad_input) naming the
// path when it cannot be read.
std::string sha256_file(const std::filesystem::path& path);

// Incremental hashing for fingerprints built from several parts.
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Adds the bytes and a separator, so ("ab","c") and ("a","bc") differ.
  Sha256& add(std::string_view part);
  std::string hex();

private:
  void* m_ctx;
};

} // namespace collproc::util
