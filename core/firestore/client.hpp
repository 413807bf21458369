#pragma once
// Where sync talks to and how: the Firestore REST API v1 (documents:commit,
// documents.get) and the Cloud Storage JSON API (media and resumable
// uploads), with credentials from auth.hpp and retries from http.hpp.
// Every failure is a collproc::Error: unavailable (69) when retries ran out,
// job_failed (1) with the server's message for other HTTP errors.

#include "core/firestore/auth.hpp"
#include "core/firestore/http.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace collproc::firestore {

struct RemoteConfig {
  std::string project;
  std::string database = "(default)";
  std::string bucket;
  std::string
      firestore_base; // "https://firestore.googleapis.com" or the emulator's "http://host:port"
  std::string storage_base; // "https://storage.googleapis.com" or the emulator's
  bool firestore_emulator = false;
  bool storage_emulator = false;
  RetryPolicy retry;
  int64_t resumable_threshold = 5 << 20; // larger images use a resumable upload
  int64_t chunk_bytes = 8 << 20;         // a multiple of 256 KiB
};

// The configuration from options and the environment: project from
// `project`, $GOOGLE_CLOUD_PROJECT, else the key's project_id; bucket from
// `bucket` or $COLLPROC_BUCKET (required only when `need_bucket`);
// $FIRESTORE_EMULATOR_HOST / $STORAGE_EMULATOR_HOST select emulators;
// $COLLPROC_FIRESTORE_ENDPOINT / $COLLPROC_STORAGE_ENDPOINT replace Google's
// endpoints (private endpoints, tests). Throws Error(usage) saying what is
// missing. Loads the service-account key unless both services are emulated.
struct Remote {
  RemoteConfig config;
  std::shared_ptr<Authorizer> firestore_auth;
  std::shared_ptr<Authorizer> storage_auth;
};
Remote remote_from_environment(const std::string& project, const std::string& bucket,
                               bool need_bucket, const RetryPolicy& retry);

class FirestoreClient {
public:
  explicit FirestoreClient(const Remote& remote);

  // "projects/P/databases/(default)/documents"
  std::string root() const;

  // One documents:commit of at most k_max_writes_per_commit writes
  // (google.firestore.v1.Write JSON), retried as http.hpp says. Returns the
  // response (status 200 with writeResults, or a final error for the caller
  // to judge).
  HttpResponse commit_response(const nlohmann::json& writes);
  // The same, throwing Error(job_failed) with the server's message when the
  // commit was refused.
  nlohmann::json commit(const nlohmann::json& writes);

  // documents.get of root()/path with a field mask; nullopt when the
  // document does not exist.
  std::optional<nlohmann::json> get(const std::string& path, const std::vector<std::string>& mask);

private:
  std::string url(const std::string& rest) const;
  RemoteConfig m_config;
  std::shared_ptr<Authorizer> m_auth;
};

class StorageClient {
public:
  explicit StorageClient(const Remote& remote);

  const std::string& bucket() const { return m_config.bucket; }
  // Whether the object exists (objects.get metadata).
  bool exists(const std::string& object);
  // Uploads unless the object already exists (ifGenerationMatch=0 makes a
  // retried or repeated upload harmless): media upload up to
  // resumable_threshold, resumable upload in chunks above it.
  void upload(const std::string& object, const std::string& bytes, const std::string& content_type);

private:
  void upload_resumable(const std::string& object, const std::string& bytes,
                        const std::string& content_type);
  std::string object_subject(const std::string& object) const;
  [[noreturn]] void refused(const std::string& object, const HttpResponse& r) const;
  RemoteConfig m_config;
  std::shared_ptr<Authorizer> m_auth;
};

// "image/jpeg" for jpg, "image/png" for png, else application/octet-stream.
std::string content_type_for(const std::string& extension);

} // namespace collproc::firestore
