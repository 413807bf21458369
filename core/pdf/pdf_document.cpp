#include "core/pdf/pdf_document.hpp"

#include "core/pdf/poppler_support.hpp"
#include "core/util/error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
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
bool has_pdf_header(const std::filesystem::path& path)
{
  std::ifstream in(path, std::ios::binary);
  std::string head(1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.find("%PDF-") != std::string::npos;
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

FileHandle::~FileHandle()
{
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

FileHandle& FileHandle::operator=(FileHandle&& other) noexcept
{
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = std::exchange(other.m_fd, -1);
  }
  return *this;
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
  const bool header = has_pdf_header(path);

  PopplerMessages messages;
  auto doc = std::make_unique<PDFDoc>(std::make_unique<GooString>(path.string()));
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
  impl->doc = std::move(doc);
  // Without it JPEGs are still read, through Poppler, only more slowly.
  impl->file = FileHandle(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
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

const std::string& Document::display_name() const
{
  return m_impl->display_name;
}

} // namespace collproc::pdf
