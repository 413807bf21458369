#include "core/firestore/client.hpp"

#include "core/firestore/value.hpp"
#include "core/runner/cancel.hpp"
#include "core/util/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <optional>
#include <thread>

namespace collproc::firestore {

namespace {

std::string env(const char* name)
{
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string with_scheme(const std::string& host)
{
  return host.find("://") == std::string::npos ? "http://" + host : host;
}

std::string trim_slash(std::string url)
{
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

const char* const k_retry_hint =
    "fix what the message says, then run the same command again: sync resumes";

} // namespace

Remote remote_from_environment(const std::string& project, const std::string& bucket,
                               bool need_bucket, const RetryPolicy& retry)
{
  Remote r;
  RemoteConfig& c = r.config;
  c.retry = retry;
  c.bucket = !bucket.empty() ? bucket : env("COLLPROC_BUCKET");
  if (const auto host = env("FIRESTORE_EMULATOR_HOST"); !host.empty()) {
    c.firestore_emulator = true;
    c.firestore_base = trim_slash(with_scheme(host));
  } else {
    const auto endpoint = env("COLLPROC_FIRESTORE_ENDPOINT");
    c.firestore_base = trim_slash(endpoint.empty() ? "https://firestore.googleapis.com" : endpoint);
  }
  if (const auto host = env("STORAGE_EMULATOR_HOST"); !host.empty()) {
    c.storage_emulator = true;
    c.storage_base = trim_slash(with_scheme(host));
  } else {
    const auto endpoint = env("COLLPROC_STORAGE_ENDPOINT");
    c.storage_base = trim_slash(endpoint.empty() ? "https://storage.googleapis.com" : endpoint);
  }

  std::optional<ServiceAccount> account;
  if (!c.firestore_emulator || (need_bucket && !c.storage_emulator)) {
    const auto path = env("GOOGLE_APPLICATION_CREDENTIALS");
    if (path.empty()) {
      throw Error(ExitCode::usage,
                  "sync: no credentials: GOOGLE_APPLICATION_CREDENTIALS is not set",
                  "set it to a service-account JSON key file, or set FIRESTORE_EMULATOR_HOST and "
                  "STORAGE_EMULATOR_HOST to use emulators");
    }
    account = load_service_account(path);
    for (const auto& [base, emulated] : {std::pair{c.firestore_base, c.firestore_emulator},
                                         std::pair{c.storage_base, c.storage_emulator}}) {
      const bool loopback = base.rfind("http://127.0.0.1", 0) == 0 ||
                            base.rfind("http://localhost", 0) == 0 ||
                            base.rfind("http://[::1]", 0) == 0;
      if (!emulated && base.rfind("https://", 0) != 0 && !loopback) {
        throw Error(
            ExitCode::usage, fmt::format("sync: endpoint {} is not https", base),
            "access tokens are only sent over TLS (or to this machine); fix the endpoint URL");
      }
    }
  }
  c.project = !project.empty() ? project : env("GOOGLE_CLOUD_PROJECT");
  if (c.project.empty() && account) {
    c.project = account->project_id;
  }
  if (c.project.empty()) {
    throw Error(
        ExitCode::usage, "sync: no Firestore project: pass --project or set GOOGLE_CLOUD_PROJECT",
        "for example: collproc sync ss26 --project my-project --bucket my-project.appspot.com");
  }
  if (need_bucket && c.bucket.empty()) {
    throw Error(ExitCode::usage, "sync: no Storage bucket: pass --bucket or set COLLPROC_BUCKET",
                "for example: --bucket my-project.appspot.com (Firebase's default bucket)");
  }
  const auto shared = account ? std::make_shared<Authorizer>(*account, retry) : nullptr;
  r.firestore_auth = c.firestore_emulator ? std::make_shared<Authorizer>() : shared;
  r.storage_auth = c.storage_emulator || !shared ? std::make_shared<Authorizer>() : shared;
  return r;
}

FirestoreClient::FirestoreClient(const Remote& remote)
    : m_config(remote.config), m_auth(remote.firestore_auth)
{
}

std::string FirestoreClient::root() const
{
  return fmt::format("projects/{}/databases/{}/documents", m_config.project, m_config.database);
}

std::string FirestoreClient::url(const std::string& rest) const
{
  return m_config.firestore_base + "/v1/" + rest;
}

HttpResponse FirestoreClient::commit_response(const nlohmann::json& writes)
{
  HttpRequest request;
  request.method = "POST";
  request.url = url(root() + ":commit");
  request.headers = {"Content-Type: application/json", "Authorization: " + m_auth->header()};
  request.body = nlohmann::json{{"writes", writes}}.dump();
  return send_with_retry(request, m_config.retry, "firestore: " + m_config.firestore_base);
}

nlohmann::json FirestoreClient::commit(const nlohmann::json& writes)
{
  const HttpResponse r = commit_response(writes);
  if (r.status != 200) {
    throw Error(ExitCode::job_failed,
                fmt::format("firestore: project {}: commit of {} writes refused (HTTP {}): {}",
                            m_config.project, writes.size(), r.status, server_message(r)),
                k_retry_hint);
  }
  return nlohmann::json::parse(r.body, nullptr, false);
}

std::optional<nlohmann::json> FirestoreClient::get(const std::string& path,
                                                   const std::vector<std::string>& mask)
{
  HttpRequest request;
  request.url = url(root() + "/" + path);
  std::string query;
  for (const auto& m : mask) {
    query += (query.empty() ? "?" : "&") + std::string("mask.fieldPaths=") + url_encode(m);
  }
  request.url += query;
  request.headers = {"Authorization: " + m_auth->header()};
  const HttpResponse r =
      send_with_retry(request, m_config.retry, "firestore: " + m_config.firestore_base);
  if (r.status == 404) {
    return std::nullopt;
  }
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status != 200 || !body.is_object()) {
    throw Error(
        ExitCode::job_failed,
        fmt::format("firestore: {}: read refused (HTTP {}): {}", path, r.status, server_message(r)),
        k_retry_hint);
  }
  return body;
}

StorageClient::StorageClient(const Remote& remote)
    : m_config(remote.config), m_auth(remote.storage_auth)
{
}

std::string StorageClient::object_subject(const std::string& object) const
{
  return fmt::format("storage: gs://{}/{}", m_config.bucket, object);
}

void StorageClient::refused(const std::string& object, const HttpResponse& r) const
{
  throw Error(
      ExitCode::job_failed,
      fmt::format("{}: refused (HTTP {}): {}", object_subject(object), r.status, server_message(r)),
      k_retry_hint);
}

bool StorageClient::exists(const std::string& object)
{
  HttpRequest request;
  request.url = fmt::format("{}/storage/v1/b/{}/o/{}", m_config.storage_base,
                            url_encode(m_config.bucket), url_encode(object));
  request.headers = {"Authorization: " + m_auth->header()};
  const HttpResponse r = send_with_retry(request, m_config.retry, object_subject(object));
  if (r.status == 404) {
    return false;
  }
  if (r.status != 200) {
    refused(object, r);
  }
  return true;
}

void StorageClient::upload(const std::string& object, const std::string& bytes,
                           const std::string& content_type)
{
  if (static_cast<int64_t>(bytes.size()) > m_config.resumable_threshold) {
    upload_resumable(object, bytes, content_type);
    return;
  }
  HttpRequest request;
  request.method = "POST";
  request.url =
      fmt::format("{}/upload/storage/v1/b/{}/o?uploadType=media&name={}&ifGenerationMatch=0",
                  m_config.storage_base, url_encode(m_config.bucket), url_encode(object));
  request.headers = {"Content-Type: " + content_type, "Authorization: " + m_auth->header()};
  request.body = bytes;
  const HttpResponse r = send_with_retry(request, m_config.retry, object_subject(object));
  // 412: the object exists already (a retried upload that had landed, or
  // the same image from another collection): content-addressed, so done.
  if (r.status != 200 && r.status != 201 && r.status != 412) {
    refused(object, r);
  }
}

void StorageClient::upload_resumable(const std::string& object, const std::string& bytes,
                                     const std::string& content_type)
{
  HttpRequest start;
  start.method = "POST";
  start.url =
      fmt::format("{}/upload/storage/v1/b/{}/o?uploadType=resumable&name={}&ifGenerationMatch=0",
                  m_config.storage_base, url_encode(m_config.bucket), url_encode(object));
  start.headers = {"Content-Type: application/json; charset=UTF-8",
                   "X-Upload-Content-Type: " + content_type,
                   fmt::format("X-Upload-Content-Length: {}", bytes.size()),
                   "Authorization: " + m_auth->header()};
  start.body = nlohmann::json{{"name", object}, {"contentType", content_type}}.dump();
  const HttpResponse session = send_with_retry(start, m_config.retry, object_subject(object));
  if (session.status == 412) {
    return;
  }
  const auto location = session.headers.find("location");
  if (session.status != 200 || location == session.headers.end()) {
    refused(object, session);
  }
  const std::string uri = location->second;
  const int64_t total = static_cast<int64_t>(bytes.size());
  const int64_t chunk =
      std::max<int64_t>(256 << 10, m_config.chunk_bytes / (256 << 10) * (256 << 10));
  int64_t offset = 0;
  int failures = 0;
  HttpResponse last;
  while (true) {
    HttpRequest put;
    put.method = "PUT";
    put.url = uri;
    put.headers = {"Authorization: " + m_auth->header()};
    if (failures > 0) {
      // After a failure, ask how much the server kept before sending more.
      put.headers.push_back(fmt::format("Content-Range: bytes */{}", total));
    } else {
      const int64_t end = std::min(total, offset + chunk);
      put.headers.push_back(fmt::format("Content-Range: bytes {}-{}/{}", offset, end - 1, total));
      put.body =
          bytes.substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(end - offset));
    }
    if (runner::pending_signal() != 0) {
      throw Cancelled();
    }
    last = http_send(put, m_config.retry.timeout_ms);
    if (last.status == 0 && last.transport_final) {
      throw Error(ExitCode::job_failed,
                  fmt::format("{}: {}", object_subject(object), last.transport_error),
                  "collproc always verifies TLS: check the endpoint URL and its certificate");
    }
    if (retryable(last)) {
      if (++failures >= m_config.retry.max_attempts) {
        throw Error(
            ExitCode::unavailable,
            fmt::format("{}: unavailable after {} attempts: {}", object_subject(object), failures,
                        last.status == 0
                            ? last.transport_error
                            : fmt::format("HTTP {}: {}", last.status, server_message(last))),
            "check the network and the service's status, then run the same command again: it "
            "resumes");
      }
      std::this_thread::sleep_for(
          std::chrono::milliseconds(backoff_ms(m_config.retry, failures, last)));
      continue;
    }
    if (last.status == 200 || last.status == 201 || last.status == 412) {
      return;
    }
    if (last.status != 308) {
      refused(object, last);
    }
    failures = 0;
    // 308 Resume Incomplete: "Range: bytes=0-N" is what the server holds.
    offset = 0;
    if (const auto range = last.headers.find("range"); range != last.headers.end()) {
      const auto dash = range->second.find('-');
      if (dash != std::string::npos) {
        offset = std::atoll(range->second.c_str() + dash + 1) + 1;
      }
    }
  }
}

std::string content_type_for(const std::string& extension)
{
  if (extension == "jpg" || extension == "jpeg") {
    return "image/jpeg";
  }
  if (extension == "png") {
    return "image/png";
  }
  return "application/octet-stream";
}

} // namespace collproc::firestore
