#pragma once
// Internals shared by the core/pdf sources: the Document's Impl, Poppler's
// one-time set-up, and the capture of Poppler's diagnostics. Not for use
// outside core/pdf.

#include "core/pdf/pdf_document.hpp"

#include "core/pdf/poppler_includes.hpp"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace collproc::pdf {

// What extract_images learnt about one image XObject, so an image drawn on
// many pages is decoded and hashed once per Document.
struct CachedImage {
  std::string sha256;
  std::string format;  // "jpg" or "png"
  bool usable = false; // false when it could not be decoded: later placements are skipped too
};

// A read-only file descriptor, closed on destruction; -1 when none.
class FileHandle {
public:
  explicit FileHandle(int fd = -1) : m_fd(fd) {}
  ~FileHandle();
  FileHandle(FileHandle&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  FileHandle& operator=(FileHandle&& other) noexcept;
  int get() const { return m_fd; }

private:
  int m_fd;
};

struct Document::Impl {
  std::unique_ptr<PDFDoc> doc;
  // The same file, for reading an embedded JPEG in one pread: Poppler's
  // FileStream reads 256 bytes per system call.
  FileHandle file;
  std::string display_name;
  std::map<std::pair<int, int>, CachedImage> images_by_ref; // (num, gen) -> image
  std::set<std::string> returned_sha256; // blobs whose bytes a caller already received
};

// Initialises Poppler's globalParams and silences its stderr output, once per
// process and thread-safely. Every entry point of this module calls it first.
void ensure_poppler_ready();

// While alive, collects the diagnostics Poppler reports on this thread (at
// most a few, the first ones kept) instead of dropping them.
class PopplerMessages {
public:
  PopplerMessages();
  ~PopplerMessages();
  PopplerMessages(const PopplerMessages&) = delete;
  PopplerMessages& operator=(const PopplerMessages&) = delete;

  const std::vector<std::string>& messages() const { return m_messages; }
  void add(std::string message);

private:
  std::vector<std::string> m_messages;
  PopplerMessages* m_previous;
};

// The page, or nullptr when Poppler cannot read it. Throws std::out_of_range
// when page is not between 1 and page_count().
Page* checked_page(Document::Impl& impl, int page);

// Runs the page's content stream through dev at 72 dpi with the page's own
// /Rotate and the crop box as the frame, so device space is points with the
// origin at the crop box's displayed top-left corner, y down. Annotations are
// not drawn. Does nothing for a page Poppler cannot read.
void display_page(Document::Impl& impl, OutputDev& dev, int page);

} // namespace collproc::pdf
