#pragma once
// Internals shared by the core/pdf sources: the Document's Impl, Poppler's
// one-time set-up, and the capture of Poppler's diagnostics. Not for use
// outside core/pdf.

#include "core/pdf/pdf_document.hpp"

#include "core/pdf/poppler_includes.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
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

// The whole file mapped read-only. Poppler reads the document from it as
// memory (MappedStream) instead of through its FileStream, which makes one
// system call per 256 bytes, and an embedded JPEG is a slice of it, hashed
// and written out without a copy.
class MappedFile {
public:
  // Throws Error(bad_input) naming display_name when the file cannot be
  // opened or mapped.
  static MappedFile open(const std::filesystem::path& path, std::size_t size,
                         const std::string& display_name);
  MappedFile() = default;
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;

  const char* data() const { return m_data; }
  std::size_t size() const { return m_size; }
  // Unmaps the pages read so far from this process (MADV_DONTNEED; the
  // kernel keeps them cached and maps them again when read), so a process's
  // resident memory follows the page it reads, not the file.
  void forget_read_pages() const;

private:
  const char* m_data = nullptr;
  std::size_t m_size = 0;
};

// Poppler's in-memory stream over a MappedFile, whose sub-streams (every
// stream object of the document) are MappedStreams too, so a stream's raw
// bytes can be found in the mapping.
class MappedStream final : public BaseMemStream<const char> {
public:
  MappedStream(const char* base, std::size_t base_size, Goffset offset, Goffset size,
               Object&& stream_dict);
  BaseStream* copy() override;
  Stream* makeSubStream(Goffset offset, bool limited, Goffset size, Object&& stream_dict) override;
  // The stream's bytes, unfiltered, as the file holds them; empty when its
  // bounds are not inside the file.
  std::string_view bytes();

private:
  std::size_t m_base_size;
};

struct Document::Impl {
  // Declared before doc, so the mapping outlives the document reading it.
  MappedFile file;
  std::unique_ptr<PDFDoc> doc;
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
