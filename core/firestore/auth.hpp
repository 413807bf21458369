#pragma once
// Credentials for Google's APIs. Emulators take "Bearer owner"; real
// endpoints take an OAuth2 access token obtained with a service account's
// RS256-signed JWT (RFC 7523) from the key's token_uri and cached until
// shortly before it expires. Neither the key nor a token ever appears in an
// error message.

#include "core/firestore/http.hpp"

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>

namespace collproc::firestore {

struct ServiceAccount {
  std::string client_email;
  std::string private_key_pem; // never printed
  std::string private_key_id;
  std::string token_uri;
  std::string project_id;
};

// Reads a service-account JSON key. Throws Error(usage) naming the file when
// it is missing, unreadable or not a service-account key.
ServiceAccount load_service_account(const std::filesystem::path& path);

// base64url without padding (RFC 4648 §5), as JWTs use.
std::string base64url(const std::string& bytes);

// The signed assertion "header.claims.signature": RS256 over the key, iss =
// client_email, aud = token_uri, the given scope, iat = now, exp = now + 1 h.
// Throws Error(usage) when the private key cannot be read.
std::string sign_jwt(const ServiceAccount& account, const std::string& scope, int64_t now_seconds);

// Hands out the Authorization header value. Thread-safe.
class Authorizer {
public:
  // Emulator mode: always "Bearer owner".
  Authorizer();
  // Service-account mode: tokens from account.token_uri.
  Authorizer(ServiceAccount account, RetryPolicy policy);

  // "Bearer ...": a cached token while it has more than a minute left, else
  // a fresh one. Throws Error(unavailable) when the token endpoint cannot be
  // reached, Error(usage) when it refuses the key (with its message).
  std::string header();
  bool emulator() const { return m_emulator; }

private:
  bool m_emulator = true;
  ServiceAccount m_account;
  RetryPolicy m_policy;
  std::mutex m_mutex;
  std::string m_token;
  int64_t m_expires_ms = 0;
};

// The OAuth2 scopes sync needs: Firestore (datastore) and Storage.
extern const char* const k_scopes;

} // namespace collproc::firestore
