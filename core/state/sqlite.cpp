#include "core/state/sqlite.hpp"

#include "core/util/error.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace collproc::state {

namespace {
// Long enough for a concurrent phase commit, short enough that a wedged
// writer surfaces as an error rather than a silent hang.
constexpr int k_busy_timeout_ms = 30000;
} // namespace

Database::Database(const std::filesystem::path& path, Create create) : m_path(path)
{
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                    (create == Create::yes ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
    std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    sqlite3_close(m_db);
    m_db = nullptr;
    throw Error(ExitCode::job_failed, path.string() + ": cannot open state file: " + message,
                "check that the directory exists and is writable, or pass --state PATH");
  }
  sqlite3_busy_timeout(m_db, k_busy_timeout_ms);
  sqlite3_extended_result_codes(m_db, 1);
  // WAL lets `status` read while a job writes; NORMAL sync in WAL mode loses
  // nothing committed on a process crash, only possibly the last
  // transactions on a power loss (the database stays consistent).
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("PRAGMA foreign_keys=ON");
}

Database::~Database()
{
  sqlite3_close_v2(m_db);
}

void Database::fail(const std::string& what) const
{
  const int code = sqlite3_extended_errcode(m_db);
  // An I/O error's cause is in errno: "disk I/O error" alone helps nobody.
  const int err = (code & 0xff) == SQLITE_IOERR || (code & 0xff) == SQLITE_CANTOPEN
                      ? sqlite3_system_errno(m_db)
                      : 0;
  std::string cause = sqlite3_errmsg(m_db);
  // SQLite cannot create the -wal and -shm files beside the state file in a
  // read-only directory, and then names no cause that helps: look ourselves.
  std::filesystem::path dir = m_path.parent_path();
  if (dir.empty()) {
    dir = ".";
  }
  int denied = 0;
  if ((code & 0xff) != SQLITE_FULL && err != ENOSPC) {
    if (::access(dir.c_str(), W_OK) != 0) {
      denied = errno;
      cause += fmt::format(" ({} is not writable: {})", dir.string(), std::strerror(denied));
    } else if (::access(m_path.c_str(), W_OK) != 0 && errno != ENOENT) {
      denied = errno;
      cause += fmt::format(" (the file is not writable: {})", std::strerror(denied));
    }
  }
  if (denied == 0 && err != 0) {
    cause += std::string(" (") + std::strerror(err) + ")";
  }
  std::string hint = "check the disk and the state file's permissions";
  if ((code & 0xff) == SQLITE_FULL || err == ENOSPC || err == EDQUOT) {
    hint = "free disk space on the state file's volume, then retry";
  } else if ((code & 0xff) == SQLITE_READONLY || err == EROFS || err == EACCES || err == EPERM ||
             denied != 0) {
    hint = "make the state file and its directory writable, or pass --state PATH";
  } else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB) {
    hint =
        "the state file is damaged or not a collproc state file; restore it or pass --state PATH";
  }
  throw Error(ExitCode::job_failed, m_path.string() + ": " + what + ": " + cause, hint);
}

void Database::exec(const char* sql)
{
  char* message = nullptr;
  if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    fail("cannot run SQL (" + text + ")");
  }
}

Statement Database::prepare(std::string_view sql)
{
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    fail("cannot prepare statement");
  }
  return Statement(*this, stmt);
}

int64_t Database::changes() const
{
  return sqlite3_changes64(m_db);
}

Statement::~Statement()
{
  sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::string_view value)
{
  if (sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    m_db->fail("cannot bind parameter");
  }
  return *this;
}

Statement& Statement::bind(int index, int64_t value)
{
  if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) {
    m_db->fail("cannot bind parameter");
  }
  return *this;
}

bool Statement::step()
{
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  m_db->fail("cannot run statement");
}

void Statement::run()
{
  while (step()) {
  }
}

std::string Statement::text(int column) const
{
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
  return data ? std::string(data, static_cast<size_t>(sqlite3_column_bytes(m_stmt, column)))
              : std::string();
}

int64_t Statement::integer(int column) const
{
  return sqlite3_column_int64(m_stmt, column);
}

bool Statement::is_null(int column) const
{
  return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : m_db(db)
{
  m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
  if (!m_done) {
    sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit()
{
  m_db.exec("COMMIT");
  m_done = true;
}

} // namespace collproc::state
