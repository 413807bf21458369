#pragma once
// Content-addressed storage for large bytes (source documents, extracted
// images) beside the state file: <state>.blobs/ab/abcdef... named by SHA-256.
// A blob is written to a temporary file, fsynced and renamed into place, so a
// name never refers to a half-written file; callers write the blob before
// committing the row that names it.

#include <filesystem>
#include <string>
#include <string_view>

namespace collproc::state {

class BlobStore {
public:
  // each_blob: put() fsyncs the blob and its directory before it returns.
  // on_sync: put() only writes and renames; sync() makes everything durable
  // at once (one syncfs), and must run before a row naming those blobs is
  // committed. Extraction uses on_sync: one flush for many images.
  enum class Durability { each_blob, on_sync };

  explicit BlobStore(std::filesystem::path root);
  void set_durability(Durability durability) { m_durability = durability; }
  Durability durability() const { return m_durability; }
  // Flushes every blob written so far to disk (syncfs of the blob volume).
  // Throws Error naming the blob directory when the flush fails.
  void sync() const;

  // Stores bytes and returns their sha256; a no-op when the blob exists.
  std::string put(std::string_view bytes);
  // Stores bytes whose sha256 the caller already computed.
  void put(const std::string& sha256, std::string_view bytes);
  // Copies a file in by streaming it; returns its sha256.
  std::string put_file(const std::filesystem::path& source);

  bool contains(const std::string& sha256) const;
  std::filesystem::path path_of(const std::string& sha256) const;
  // Throws Error naming the blob when it is missing or unreadable.
  std::string read(const std::string& sha256) const;
  const std::filesystem::path& root() const { return m_root; }
  // Deletes the temporary files that processes killed mid-write left behind
  // (those whose writer pid is gone); returns how many. Never touches blobs.
  int remove_dead_temps() const;

private:
  void install(const std::filesystem::path& temp, const std::string& sha256);
  // The blob's directory, created if needed.
  std::filesystem::path blob_dir(const std::string& sha256) const;
  std::filesystem::path m_root;
  Durability m_durability = Durability::each_blob;
};

} // namespace collproc::state
