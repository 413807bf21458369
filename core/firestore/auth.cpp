#include "core/firestore/auth.hpp"

#include "core/util/error.hpp"
#include "core/util/time.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <memory>
#include <sstream>

namespace collproc::firestore {

const char* const k_scopes = "https://www.googleapis.com/auth/datastore "
                             "https://www.googleapis.com/auth/devstorage.read_write";

namespace {

const char* const k_credentials_hint = "set GOOGLE_APPLICATION_CREDENTIALS to a service-account "
                                       "JSON key file (IAM > Service accounts > Keys), "
                                       "or FIRESTORE_EMULATOR_HOST for an emulator";

// Refuses to send a credential in clear text anywhere but this machine.
void require_secure(const std::string& url, const std::string& what)
{
  if (url.rfind("https://", 0) == 0 || url.rfind("http://127.0.0.1", 0) == 0 ||
      url.rfind("http://localhost", 0) == 0 || url.rfind("http://[::1]", 0) == 0) {
    return;
  }
  throw Error(ExitCode::usage, fmt::format("{}: {} is not https", what, url),
              "credentials are only sent over TLS (or to this machine); fix the URL");
}

} // namespace

ServiceAccount load_service_account(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ExitCode::usage, path.string() + ": cannot read the service-account key",
                k_credentials_hint);
  }
  std::stringstream text;
  text << in.rdbuf();
  const auto key = nlohmann::json::parse(text.str(), nullptr, false);
  const auto field = [&](const char* name) {
    return key.is_object() && key.contains(name) && key[name].is_string()
               ? key[name].get<std::string>()
               : std::string();
  };
  ServiceAccount a;
  a.client_email = field("client_email");
  a.private_key_pem = field("private_key");
  a.private_key_id = field("private_key_id");
  a.token_uri = field("token_uri");
  a.project_id = field("project_id");
  if (field("type") != "service_account" || a.client_email.empty() || a.private_key_pem.empty()) {
    throw Error(
        ExitCode::usage,
        path.string() +
            ": not a service-account key (needs type service_account, client_email, private_key)",
        k_credentials_hint);
  }
  if (a.token_uri.empty()) {
    a.token_uri = "https://oauth2.googleapis.com/token";
  }
  require_secure(a.token_uri, path.string() + ": token_uri");
  return a;
}

std::string base64url(const std::string& bytes)
{
  static const char* const k_alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                       (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += k_alphabet[(n >> 6) & 63];
    out += k_alphabet[n & 63];
  }
  if (i + 1 == bytes.size()) {
    const uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
  } else if (i + 2 == bytes.size()) {
    const uint32_t n =
        (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8);
    out += k_alphabet[(n >> 18) & 63];
    out += k_alphabet[(n >> 12) & 63];
    out += k_alphabet[(n >> 6) & 63];
  }
  return out;
}

std::string sign_jwt(const ServiceAccount& account, const std::string& scope, int64_t now_seconds)
{
  nlohmann::json header{{"alg", "RS256"}, {"typ", "JWT"}};
  if (!account.private_key_id.empty()) {
    header["kid"] = account.private_key_id;
  }
  const nlohmann::json claims{{"iss", account.client_email},
                              {"scope", scope},
                              {"aud", account.token_uri},
                              {"iat", now_seconds},
                              {"exp", now_seconds + 3600}};
  const std::string signing_input = base64url(header.dump()) + "." + base64url(claims.dump());

  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(account.private_key_pem.data(),
                      static_cast<int>(account.private_key_pem.size())),
      BIO_free);
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr, EVP_PKEY_free);
  if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA) {
    throw Error(ExitCode::usage,
                account.client_email + ": the service-account private_key is not an RSA PEM key",
                "download a new JSON key for the service account");
  }
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    EVP_MD_CTX_free);
  std::size_t length = 0;
  std::string signature;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    throw Error(ExitCode::usage,
                account.client_email + ": cannot sign with the service-account key",
                "download a new JSON key for the service account");
  }
  signature.resize(length);
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) != 1) {
    throw Error(ExitCode::usage,
                account.client_email + ": cannot sign with the service-account key",
                "download a new JSON key for the service account");
  }
  signature.resize(length);
  return signing_input + "." + base64url(signature);
}

Authorizer::Authorizer() = default;

Authorizer::Authorizer(ServiceAccount account, RetryPolicy policy)
    : m_emulator(false), m_account(std::move(account)), m_policy(policy)
{
}

std::string Authorizer::header()
{
  if (m_emulator) {
    return "Bearer owner";
  }
  std::lock_guard lock(m_mutex);
  const int64_t now = util::now_ms();
  if (!m_token.empty() && now < m_expires_ms - 60000) {
    return "Bearer " + m_token;
  }
  HttpRequest request;
  request.method = "POST";
  request.url = m_account.token_uri;
  request.headers = {"Content-Type: application/x-www-form-urlencoded"};
  request.body = "grant_type=" + url_encode("urn:ietf:params:oauth:grant-type:jwt-bearer") +
                 "&assertion=" + sign_jwt(m_account, k_scopes, now / 1000);
  const HttpResponse r = send_with_retry(request, m_policy, "oauth2: " + m_account.token_uri);
  const auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status != 200 || !body.is_object() || !body.contains("access_token") ||
      !body["access_token"].is_string()) {
    throw Error(ExitCode::usage,
                fmt::format("oauth2: {}: {} refused the service-account key (HTTP {}): {}",
                            m_account.client_email, m_account.token_uri, r.status,
                            server_message(r)),
                "check that the key is current and the service account is enabled and has "
                "Firestore and Storage roles");
  }
  m_token = body["access_token"].get<std::string>();
  const int64_t expires_in = body.value("expires_in", int64_t{3600});
  m_expires_ms = now + expires_in * 1000;
  return "Bearer " + m_token;
}

} // namespace collproc::firestore
