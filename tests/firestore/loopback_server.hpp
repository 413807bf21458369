#pragma once
// Test support for tests/firestore: runs tests/support/firestore_server.py
// (Firestore REST, Storage JSON upload and OAuth2 token endpoints on
// 127.0.0.1, free port) for the life of one object, and reads back what
// landed through its /_test/ control paths.

#include "core/firestore/client.hpp"
#include "core/firestore/http.hpp"
#include "tests/support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace collproc::test {

class LoopbackServer {
public:
  explicit LoopbackServer(const std::vector<std::string>& options = {})
  {
    const auto port_file = m_dir.path() / "port";
    std::vector<std::string> args{
        "/usr/bin/python3", (source_dir() / "tests/support/firestore_server.py").string(),
        "--port-file",      port_file.string(),
        "--lifetime",       "120"};
    args.insert(args.end(), options.begin(), options.end());
    m_pid = fork();
    if (m_pid == 0) {
      std::vector<char*> argv;
      for (auto& a : args) {
        argv.push_back(a.data());
      }
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    for (int i = 0; i < 400 && !std::filesystem::exists(port_file); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (!std::filesystem::exists(port_file)) {
      throw std::runtime_error("firestore_server.py did not start");
    }
    m_base = "http://127.0.0.1:" + read_file(port_file);
  }
  ~LoopbackServer()
  {
    kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
  }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  const std::string& base() const { return m_base; }
  const std::filesystem::path& dir() const { return m_dir.path(); }

  nlohmann::json dump() const
  {
    firestore::HttpRequest r;
    r.url = m_base + "/_test/dump";
    return nlohmann::json::parse(firestore::http_send(r, 5000).body);
  }
  void fault(const nlohmann::json& f) const
  {
    firestore::HttpRequest r;
    r.method = "POST";
    r.url = m_base + "/_test/fault";
    r.body = f.dump();
    firestore::http_send(r, 5000);
  }
  int count(const std::string& method, const std::string& path_part) const
  {
    int n = 0;
    const nlohmann::json all = dump(); // named: a temporary would die before the loop
    for (const auto& req : all["requests"]) {
      n += req["method"] == method &&
           req["path"].get<std::string>().find(path_part) != std::string::npos;
    }
    return n;
  }

  // A Remote in emulator mode against this server, with fast retries.
  firestore::Remote emulator(const std::string& project = "demo-test") const
  {
    firestore::Remote r;
    r.config.project = project;
    r.config.bucket = "demo-test.appspot.com";
    r.config.firestore_base = m_base;
    r.config.storage_base = m_base;
    r.config.firestore_emulator = r.config.storage_emulator = true;
    r.config.retry.base_ms = 10;
    r.config.retry.max_attempts = 4;
    r.config.retry.timeout_ms = 5000;
    r.firestore_auth = r.storage_auth = std::make_shared<firestore::Authorizer>();
    return r;
  }

private:
  TempDir m_dir;
  pid_t m_pid = -1;
  std::string m_base;
};

} // namespace collproc::test
