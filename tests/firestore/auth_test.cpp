// tests/firestore/auth_test.cpp mirrors core/firestore/auth.cpp

#include "core/firestore/auth.hpp"
#include "core/util/error.hpp"
#include "loopback_server.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>

using namespace collproc;
using namespace collproc::firestore;
using nlohmann::json;

namespace {

struct KeyPair {
  std::string private_pem, public_pem;
};

KeyPair make_key()
{
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
  REQUIRE(key);
  const auto pem = [&](bool is_private) {
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (is_private) {
      PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    } else {
      PEM_write_bio_PUBKEY(bio.get(), key.get());
    }
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(n));
  };
  return {pem(true), pem(false)};
}

std::string base64url_decode(const std::string& s)
{
  std::string b64 = s;
  for (auto& c : b64) {
    c = c == '-' ? '+' : c == '_' ? '/' : c;
  }
  while (b64.size() % 4) {
    b64 += '=';
  }
  std::string out(b64.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(b64.data()),
                                static_cast<int>(b64.size()));
  out.resize(static_cast<std::size_t>(n) - (s.size() % 4 == 2 ? 2 : s.size() % 4 == 3 ? 1 : 0));
  return out;
}

bool verifies(const std::string& jwt, const std::string& public_pem)
{
  const auto dot = jwt.rfind('.');
  const std::string input = jwt.substr(0, dot);
  const std::string signature = base64url_decode(jwt.substr(dot + 1));
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size())), BIO_free);
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    EVP_MD_CTX_free);
  EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get());
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                          input.size()) == 1;
}

} // namespace

TEST_CASE("base64url encodes without padding, with - and _", "[firestore]")
{
  CHECK(base64url("") == "");
  CHECK(base64url("f") == "Zg");
  CHECK(base64url("fo") == "Zm8");
  CHECK(base64url("foo") == "Zm9v");
  CHECK(base64url("\xfb\xff") == "-_8");
}

TEST_CASE("sign_jwt makes an RS256 assertion the key's public half verifies", "[firestore]")
{
  const KeyPair key = make_key();
  ServiceAccount a{"sync@demo.iam.gserviceaccount.com", key.private_pem, "kid-1",
                   "https://oauth2.googleapis.com/token", "demo"};
  const std::string jwt = sign_jwt(a, k_scopes, 1700000000);
  CHECK(verifies(jwt, key.public_pem));
  const auto first = jwt.find('.');
  const auto second = jwt.find('.', first + 1);
  const json header = json::parse(base64url_decode(jwt.substr(0, first)));
  const json claims = json::parse(base64url_decode(jwt.substr(first + 1, second - first - 1)));
  CHECK(header == json{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "kid-1"}});
  CHECK(claims["iss"] == a.client_email);
  CHECK(claims["aud"] == a.token_uri);
  CHECK(claims["iat"] == 1700000000);
  CHECK(claims["exp"] == 1700003600);
  CHECK(claims["scope"].get<std::string>().find("auth/datastore") != std::string::npos);

  SECTION("a changed claim no longer verifies")
  {
    std::string forged = jwt;
    forged[first + 5] = forged[first + 5] == 'A' ? 'B' : 'A';
    CHECK_FALSE(verifies(forged, key.public_pem));
  }
  SECTION("another key's signature does not verify")
  {
    CHECK_FALSE(verifies(jwt, make_key().public_pem));
  }
}

TEST_CASE("load_service_account refuses what is not a service-account key", "[firestore]")
{
  test::TempDir dir;
  test::write_file(dir.path() / "user.json", R"({"type": "authorized_user", "client_id": "x"})");
  CHECK_THROWS_WITH(load_service_account(dir.path() / "user.json"),
                    Catch::Contains("not a service-account key"));
  CHECK_THROWS_WITH(load_service_account(dir.path() / "missing.json"),
                    Catch::Contains("cannot read"));
  test::write_file(dir.path() / "plain.json",
                   R"({"type": "service_account", "client_email": "a@b", "private_key": "x",
                       "token_uri": "http://oauth.example.com/token"})");
  CHECK_THROWS_WITH(load_service_account(dir.path() / "plain.json"),
                    Catch::Contains("is not https"));
}

TEST_CASE("a service-account token comes from token_uri once and is reused", "[firestore]")
{
  const KeyPair key = make_key();
  test::TempDir dir;
  test::write_file(dir.path() / "pub.pem", key.public_pem);
  const std::string email = "sync@demo.iam.gserviceaccount.com";
  test::LoopbackServer server({"--public-key", (dir.path() / "pub.pem").string(), "--client-email",
                               email, "--require-token"});
  firestore::Remote remote = server.emulator();
  remote.config.firestore_emulator = remote.config.storage_emulator = false;
  remote.firestore_auth = remote.storage_auth = std::make_shared<Authorizer>(
      ServiceAccount{email, key.private_pem, "k1", server.base() + "/token", "demo-test"},
      remote.config.retry);
  FirestoreClient fs(remote);
  for (int i = 0; i < 3; ++i) {
    fs.commit(json::array(
        {{{"update",
           {{"name", fs.root() + "/c/d" + std::to_string(i)}, {"fields", json::object()}}}}}));
  }
  CHECK(server.dump()["tokens_issued"] == 1);
  CHECK(server.count("POST", ":commit") == 3);

  SECTION("the emulator's owner token is refused by a real-service endpoint")
  {
    FirestoreClient owner(server.emulator());
    CHECK_THROWS_WITH(owner.commit(json::array()), Catch::Contains("UNAUTHENTICATED"));
  }
  SECTION("a key the server does not know is refused with the endpoint's message")
  {
    Authorizer other(
        ServiceAccount{email, make_key().private_pem, "k2", server.base() + "/token", "demo-test"},
        remote.config.retry);
    CHECK_THROWS_WITH(other.header(), Catch::Contains("Invalid JWT Signature"));
  }
}

TEST_CASE("a token within a minute of expiry is replaced before use", "[firestore]")
{
  const KeyPair key = make_key();
  test::TempDir dir;
  test::write_file(dir.path() / "pub.pem", key.public_pem);
  const std::string email = "sync@demo.iam.gserviceaccount.com";
  // Tokens that live 30 s are always inside the one-minute margin.
  test::LoopbackServer server({"--public-key", (dir.path() / "pub.pem").string(), "--client-email",
                               email, "--require-token", "--token-lifetime", "30"});
  Authorizer auth(
      ServiceAccount{email, key.private_pem, "k1", server.base() + "/token", "demo-test"},
      server.emulator().config.retry);
  const std::string first = auth.header();
  const std::string second = auth.header();
  CHECK(first != second);
  CHECK(server.dump()["tokens_issued"] == 2);
}
