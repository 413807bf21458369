#include "core/state/blob_store.hpp"

#include "core/util/child.hpp"
#include "core/util/error.hpp"
#include "core/util/hash.hpp"
#include "core/util/test_hooks.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace collproc::state {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void io_failure(const fs::path& path, const std::string& what)
{
  const int err = errno;
  std::string hint = "check the disk and permissions of the state directory";
  if (err == ENOSPC) {
    hint = "free disk space on the state file's volume, then retry";
  } else if (err == EROFS || err == EACCES) {
    hint = "make the state directory writable, or pass --state PATH";
  }
  throw Error(ExitCode::job_failed, path.string() + ": " + what + ": " + std::strerror(err), hint);
}

void write_all(int fd, const char* data, size_t size, const fs::path& path)
{
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      io_failure(path, "cannot write");
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
}

fs::path temp_name(const fs::path& dir)
{
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::ostringstream name;
  name << ".tmp-" << ::getpid() << "-" << std::hex << rng();
  return dir / name.str();
}

int create_temp(const fs::path& temp)
{
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    io_failure(temp, "cannot create blob");
  }
  return fd;
}

void fsync_dir(const fs::path& dir)
{
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

} // namespace

BlobStore::BlobStore(fs::path root) : m_root(std::move(root)) {}

fs::path BlobStore::path_of(const std::string& sha256) const
{
  return m_root / sha256.substr(0, 2) / sha256;
}

fs::path BlobStore::blob_dir(const std::string& sha256) const
{
  const fs::path dir = path_of(sha256).parent_path();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    errno = ec.value();
    io_failure(dir, "cannot create blob directory");
  }
  return dir;
}

bool BlobStore::contains(const std::string& sha256) const
{
  std::error_code ec;
  return fs::exists(path_of(sha256), ec);
}

std::string BlobStore::put(std::string_view bytes)
{
  std::string sha = util::sha256_hex(bytes);
  put(sha, bytes);
  return sha;
}

void BlobStore::install(const fs::path& temp, const std::string& sha256)
{
  const fs::path target = path_of(sha256);
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    errno = err;
    io_failure(target, "cannot rename blob into place");
  }
  util::crash_point("blob-renamed");
  if (m_durability == Durability::each_blob) {
    fsync_dir(target.parent_path());
  }
  util::crash_point("blob-installed");
}

void BlobStore::put(const std::string& sha256, std::string_view bytes)
{
  if (contains(sha256)) {
    return;
  }
  const fs::path temp = temp_name(blob_dir(sha256));
  const int fd = create_temp(temp);
  try {
    write_all(fd, bytes.data(), bytes.size(), temp);
    util::crash_point("blob-written");
    if (m_durability == Durability::each_blob && ::fsync(fd) != 0) {
      io_failure(temp, "cannot flush blob");
    }
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(fd);
  install(temp, sha256);
}

std::string BlobStore::put_file(const fs::path& source)
{
  // Hash first so an existing blob costs one read and no write.
  const std::string sha = util::sha256_file(source);
  if (contains(sha)) {
    return sha;
  }
  const fs::path temp = temp_name(blob_dir(sha));
  const int out = create_temp(temp);
  const int in = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
  try {
    if (in < 0) {
      io_failure(source, "cannot open for reading");
    }
    std::array<char, 1 << 20> buffer{};
    for (;;) {
      const ssize_t n = ::read(in, buffer.data(), buffer.size());
      if (n < 0) {
        if (errno == EINTR) {
          continue;
        }
        io_failure(source, "cannot read");
      }
      if (n == 0) {
        break;
      }
      write_all(out, buffer.data(), static_cast<size_t>(n), temp);
      util::crash_point("blob-file-chunk");
    }
    if (::fsync(out) != 0) {
      io_failure(temp, "cannot flush blob");
    }
  } catch (...) {
    if (in >= 0) {
      ::close(in);
    }
    ::close(out);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(in);
  ::close(out);
  // The file may have changed between hashing and copying; the blob's name
  // must match its bytes, so verify before installing.
  if (util::sha256_file(temp) != sha) {
    ::unlink(temp.c_str());
    throw Error(ExitCode::bad_input, source.string() + ": file changed while it was being copied",
                "retry once the file is no longer being written");
  }
  install(temp, sha);
  return sha;
}

void BlobStore::sync() const
{
  std::error_code ec;
  fs::create_directories(m_root, ec);
  const int fd = ::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    io_failure(m_root, "cannot open blob directory");
  }
  const int rc = ::syncfs(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) {
    errno = err;
    io_failure(m_root, "cannot flush blobs to disk");
  }
}

int BlobStore::remove_dead_temps() const
{
  int removed = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(m_root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(".tmp-", 0) != 0) {
      continue;
    }
    const long pid = std::strtol(name.c_str() + 5, nullptr, 10);
    if (pid > 0 && util::process_exited(pid)) {
      std::error_code rm;
      removed += fs::remove(it->path(), rm) ? 1 : 0;
    }
  }
  return removed;
}

std::string BlobStore::read(const std::string& sha256) const
{
  const fs::path path = path_of(sha256);
  // One read of the size fstat gives (blobs never change once named; a
  // stream through an ostringstream copied every blob three times).
  const auto unreadable = [&path] {
    return Error(ExitCode::job_failed,
                 path.string() + ": cannot read blob: " + std::strerror(errno),
                 "check the permissions of the state's blob directory and the disk holding it");
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      throw Error(ExitCode::job_failed,
                  path.string() + ": blob is missing from the state's blob store",
                  "re-add the collection's documents with 'collproc add'");
    }
    throw unreadable();
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    throw unreadable();
  }
  std::string bytes(static_cast<std::size_t>(std::max<off_t>(st.st_size, 0)), '\0');
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      throw unreadable();
    }
    if (n == 0) {
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  return bytes;
}

} // namespace collproc::state
