#include "core/util/hash.hpp"

#include "core/util/error.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>

namespace collproc::util {

namespace {

std::string to_hex(const unsigned char* data, unsigned int size)
{
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(k_digits[data[i] >> 4]);
    out.push_back(k_digits[data[i] & 0xf]);
  }
  return out;
}

} // namespace

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new())
{
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(m_ctx), EVP_sha256(), nullptr);
}

Sha256::~Sha256()
{
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx));
}

Sha256& Sha256::add(std::string_view part)
{
  auto* ctx = static_cast<EVP_MD_CTX*>(m_ctx);
  const std::string length = std::to_string(part.size()) + ":";
  EVP_DigestUpdate(ctx, length.data(), length.size());
  EVP_DigestUpdate(ctx, part.data(), part.size());
  return *this;
}

std::string Sha256::hex()
{
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(m_ctx), digest.data(), &size);
  return to_hex(digest.data(), size);
}

std::string sha256_hex(std::string_view bytes)
{
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr);
  return to_hex(digest.data(), size);
}

std::string sha256_file(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ExitCode::bad_input, path.string() + ": cannot open for reading",
                "check that the file exists and is readable");
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  std::array<char, 1 << 16> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    EVP_DigestUpdate(ctx, buffer.data(), static_cast<size_t>(in.gcount()));
  }
  const bool failed = in.bad();
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx, digest.data(), &size);
  EVP_MD_CTX_free(ctx);
  if (failed) {
    throw Error(ExitCode::bad_input, path.string() + ": read error", "check the disk and the file");
  }
  return to_hex(digest.data(), size);
}

} // namespace collproc::util
