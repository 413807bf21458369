#pragma once
// A thin RAII layer over SQLite's C API: one connection, prepared statements
// with bound parameters (all SQL is parameterised), and transactions that roll
// back unless committed. SQLite errors become collproc::Error naming the file.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace collproc::state {

class Statement;

class Database {
public:
  // Opens (creating when `create`) the file in WAL mode with a busy timeout.
  // Throws Error(job_failed) naming the path when SQLite cannot open it.
  enum class Create { no, yes };
  Database(const std::filesystem::path& path, Create create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const char* sql);
  Statement prepare(std::string_view sql);
  int64_t changes() const;
  const std::filesystem::path& path() const { return m_path; }
  sqlite3* handle() { return m_db; }

  [[noreturn]] void fail(const std::string& what) const;

private:
  std::filesystem::path m_path;
  sqlite3* m_db = nullptr;
};

class Statement {
public:
  Statement(Database& db, sqlite3_stmt* stmt) : m_db(&db), m_stmt(stmt) {}
  ~Statement();
  Statement(Statement&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) { o.m_stmt = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value)
  {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }

  // Returns true while there is a row to read.
  bool step();
  // Runs a statement that returns no rows.
  void run();

  std::string text(int column) const;
  int64_t integer(int column) const;
  bool is_null(int column) const;

private:
  Database* m_db;
  sqlite3_stmt* m_stmt;
};

// BEGIN IMMEDIATE ... COMMIT; the destructor rolls back an uncommitted one.
// IMMEDIATE takes the write lock up front, so two writers wait on the busy
// timeout instead of failing with SQLITE_BUSY mid-transaction.
class Transaction {
public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

private:
  Database& m_db;
  bool m_done = false;
};

} // namespace collproc::state
