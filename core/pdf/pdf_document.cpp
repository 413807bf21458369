#include "core/pdf/pdf_document.hpp"

#include "core/pdf/poppler_support.hpp"
#include "core/util/error.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace collproc::pdf {

namespace {

// Poppler's error callback takes no context pointer, so the collector that
// is active on this thread has to be found through a thread_local.
thread_local PopplerMessages* t_messages = nullptr;

constexpr std::size_t k_max_messages = 8;

void on_poppler_error(ErrorCategory /*category*/, Goffset /*pos*/, const char* msg)
{
  if (t_messages != nullptr && msg != nullptr) {
    t_messages->add(msg);
  }
}

// Poppler looks for the header in the first 1024 bytes; so do we, to tell a
// file that is not a PDF at all from a damaged one.
bool has_pdf_header(const MappedFile& file)
{
  const std::string_view head(file.data(), std::min<std::size_t>(file.size(), 1024));
  return head.find("%PDF-") != std::string_view::npos;
}

// Poppler's first complaint, shaped like our messages: lowercase start
// (acronyms kept), bounded length.
std::string first_message(const PopplerMessages& messages)
{
  constexpr std::size_t k_max_length = 120;
  for (std::string m : messages.messages()) {
    if (m.empty()) {
      continue;
    }
    if (m.size() > k_max_length) {
      m = m.substr(0, k_max_length) + "...";
    }
    if (m.size() >= 2 && std::isupper(static_cast<unsigned char>(m[0])) &&
        !std::isupper(static_cast<unsigned char>(m[1]))) {
      m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
    }
    return m;
  }
  return "Poppler could not repair it";
}

// PDF allows these filters only for image data. A content stream encoded with
// one is hostile (pdf.js's bomb_giant.pdf hides a JBIG2 bomb there that keeps
// Poppler busy for minutes), so such streams are not interpreted.
bool has_image_only_filter(const Object& stream)
{
  if (!stream.isStream()) {
    return false;
  }
  const auto image_only = [](const Object& f) {
    return f.isName("JBIG2Decode") || f.isName("DCTDecode") || f.isName("DCT") ||
           f.isName("JPXDecode") || f.isName("CCITTFaxDecode") || f.isName("CCF");
  };
  const Object filter = stream.streamGetDict()->lookup("Filter");
  if (filter.isArray()) {
    for (int i = 0; i < filter.arrayGetLength(); ++i) {
      if (image_only(filter.arrayGet(i))) {
        return true;
      }
    }
    return false;
  }
  return image_only(filter);
}

// The page's content streams without those has_image_only_filter rejects.
Object interpretable_contents(Page& page, XRef* xref)
{
  Object contents = page.getContents();
  if (contents.isArray()) {
    auto* kept = new Array(xref);
    for (int i = 0; i < contents.arrayGetLength(); ++i) {
      if (!has_image_only_filter(contents.arrayGet(i))) {
        kept->add(contents.arrayGetNF(i).copy());
      }
    }
    return Object(kept);
  }
  if (has_image_only_filter(contents)) {
    return Object(objNull);
  }
  return contents;
}

[[noreturn]] void throw_not_pdf(const std::string& name)
{
  throw Error(
      ExitCode::bad_input, name + ": not a PDF file",
      "check that you gave the right file; convert it to PDF first if it is another format");
}

} // namespace

MappedFile MappedFile::open(const std::filesystem::path& path, std::size_t size,
                            const std::string& display_name)
{
  const auto fail = [&](int error) {
    return Error(ExitCode::bad_input,
                 display_name + ": cannot be read (" + std::strerror(error) + ")",
                 "check that the file exists and is readable");
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw fail(errno);
  }
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  const int error = errno;
  ::close(fd); // the mapping keeps the file
  if (data == MAP_FAILED) {
    throw fail(error);
  }
  MappedFile file;
  file.m_data = static_cast<const char*>(data);
  file.m_size = size;
  return file;
}

MappedFile::~MappedFile()
{
  if (m_data != nullptr) {
    ::munmap(const_cast<char*>(m_data), m_size);
  }
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept
{
  if (this != &other) {
    if (m_data != nullptr) {
      ::munmap(const_cast<char*>(m_data), m_size);
    }
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

void MappedFile::forget_read_pages() const
{
  if (m_data != nullptr) {
    ::madvise(const_cast<char*>(m_data), m_size, MADV_DONTNEED);
  }
}

MappedStream::MappedStream(const char* base, std::size_t base_size, Goffset offset, Goffset size,
                           Object&& stream_dict)
    : BaseMemStream(base, offset, size, std::move(stream_dict)), m_base_size(base_size)
{
}

BaseStream* MappedStream::copy()
{
  return new MappedStream(buf, m_base_size, getStart(), getLength(), dict.copy());
}

Stream* MappedStream::makeSubStream(Goffset offset, bool limited, Goffset size,
                                    Object&& stream_dict)
{
  // BaseMemStream's own rule: an unlimited sub-stream, or one that would run
  // past this stream, ends where this stream ends.
  const Goffset end = getStart() + getLength();
  const Goffset sub_size = (!limited || offset + size > end) ? end - offset : size;
  return new MappedStream(buf, m_base_size, offset, sub_size, std::move(stream_dict));
}

std::string_view MappedStream::bytes()
{
  const Goffset offset = getStart();
  const Goffset size = getLength();
  if (offset < 0 || size <= 0 || static_cast<std::size_t>(offset) > m_base_size ||
      static_cast<std::size_t>(size) > m_base_size - static_cast<std::size_t>(offset)) {
    return {};
  }
  return {buf + offset, static_cast<std::size_t>(size)};
}

PopplerMessages::PopplerMessages() : m_previous(t_messages)
{
  t_messages = this;
}

PopplerMessages::~PopplerMessages()
{
  t_messages = m_previous;
}

void PopplerMessages::add(std::string message)
{
  if (m_messages.size() < k_max_messages) {
    m_messages.push_back(std::move(message));
  }
}

void ensure_poppler_ready()
{
  // globalParams and the error callback are process-wide in Poppler; the
  // once_flag is the one piece of static state this module needs for them.
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) {
      globalParams = std::make_unique<GlobalParams>();
    }
    globalParams->setErrQuiet(true);
    setErrorCallback(&on_poppler_error);
  });
}

Page* checked_page(Document::Impl& impl, int page)
{
  if (page < 1 || page > impl.doc->getNumPages()) {
    throw std::out_of_range(impl.display_name + ": page " + std::to_string(page) +
                            " does not exist");
  }
  return impl.doc->getPage(page);
}

void display_page(Document::Impl& impl, OutputDev& dev, int page)
{
  Page* p = checked_page(impl, page);
  if (p == nullptr) {
    return;
  }
  // What PDFDoc::displayPage does, minus the annotations: their appearance
  // streams are not the page's printed content, and loading the form fields
  // they refer to can take minutes on hostile files. The crop box is the
  // frame (what viewers show, what page_width() reports), so coordinates
  // start at its displayed top-left corner. Gfx calls startPage on creation
  // and endPage on destruction.
  const std::unique_ptr<Gfx> gfx(p->createGfx(&dev, 72, 72, /*rotate=*/0, /*useMediaBox=*/false,
                                              /*crop=*/false, -1, -1, -1, -1, /*printing=*/false,
                                              nullptr, nullptr));
  Object contents = interpretable_contents(*p, impl.doc->getXRef());
  if (contents.isNull()) {
    dev.dump();
    return;
  }
  gfx->saveState();
  gfx->display(&contents);
  gfx->restoreState();
}

Document Document::open(const std::filesystem::path& path, const std::string& display_name)
{
  ensure_poppler_ready();

  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    throw Error(ExitCode::bad_input, display_name + ": cannot be read (" + ec.message() + ")",
                "check that the file exists and is readable");
  }
  if (size == 0) {
    throw Error(ExitCode::bad_input, display_name + ": empty file, not a PDF",
                "the file has no content; export or download it again");
  }
  // Poppler's memory streams keep positions in an int.
  if (size > static_cast<std::uintmax_t>(std::numeric_limits<int>::max())) {
    throw Error(ExitCode::bad_input, display_name + ": larger than 2 GB",
                "split the file, or export it with smaller images");
  }
  MappedFile file = MappedFile::open(path, static_cast<std::size_t>(size), display_name);
  const bool header = has_pdf_header(file);
  PopplerMessages messages;
  // PDFDoc owns the stream; the stream reads the mapping, which the Impl
  // keeps alive longer than the PDFDoc.
  auto doc = std::make_unique<PDFDoc>(new MappedStream(
      file.data(), file.size(), 0, static_cast<Goffset>(file.size()), Object(objNull)));
  if (!doc->isOk()) {
    switch (doc->getErrorCode()) {
    case errEncrypted:
      throw Error(ExitCode::bad_input, display_name + ": encrypted and needs a password",
                  "save a copy without password protection, then add that copy");
    case errOpenFile:
    case errFileIO:
      throw Error(ExitCode::bad_input, display_name + ": cannot be opened",
                  "check that the file exists and is readable");
    default:
      if (!header) {
        throw_not_pdf(display_name);
      }
      throw Error(ExitCode::bad_input,
                  display_name + ": damaged PDF (" + first_message(messages) + ")",
                  "open it in a PDF viewer and save or export it again, then add the new copy");
    }
  }
  if (doc->getNumPages() <= 0) {
    if (!header) {
      throw_not_pdf(display_name);
    }
    throw Error(ExitCode::bad_input, display_name + ": has no pages",
                "check that this is the right file; export it again from its source");
  }

  auto impl = std::make_unique<Impl>();
  impl->file = std::move(file);
  impl->doc = std::move(doc);
  impl->display_name = display_name;
  return Document(std::move(impl));
}

Document::Document(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Document::~Document() = default;
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;

int Document::page_count() const
{
  return m_impl->doc->getNumPages();
}

double Document::page_width(int page) const
{
  const Page* p = checked_page(*m_impl, page);
  if (p == nullptr) {
    return 0;
  }
  return p->getRotate() % 180 == 0 ? p->getCropWidth() : p->getCropHeight();
}

double Document::page_height(int page) const
{
  const Page* p = checked_page(*m_impl, page);
  if (p == nullptr) {
    return 0;
  }
  return p->getRotate() % 180 == 0 ? p->getCropHeight() : p->getCropWidth();
}

void Document::forget_read_pages()
{
  m_impl->file.forget_read_pages();
}

const std::string& Document::display_name() const
{
  return m_impl->display_name;
}

} // namespace collproc::pdf
