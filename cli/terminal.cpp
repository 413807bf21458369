#include "cli/terminal.hpp"

#include <fmt/format.h>

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace collproc::cli {

namespace {

// The length of the UTF-8 sequence starting at text[i], or 0 when the bytes
// there are not one (a stray continuation byte, an overlong form, a
// surrogate, a truncated sequence).
std::size_t utf8_length(std::string_view text, std::size_t i)
{
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t n = 0;
  unsigned min = 0;
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) {
    return 0;
  }
  unsigned code = lead & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      return 0;
    }
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  return code < min || code > 0x10FFFF || surrogate ? 0 : n;
}

// The code point of a valid sequence of length n at text[i].
unsigned code_point(std::string_view text, std::size_t i, std::size_t n)
{
  unsigned code = static_cast<unsigned char>(text[i]) & (n == 1 ? 0x7F : 0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  return code;
}

std::string escape(unsigned code)
{
  switch (code) {
  case '\t':
    return "\\t";
  case '\n':
    return "\\n";
  case '\r':
    return "\\r";
  case 0x1B:
    return "\\e";
  default:
    return code < 0x100 ? fmt::format("\\x{:02x}", code) : fmt::format("\\u{:04x}", code);
  }
}

} // namespace

std::string printable(std::string_view text, bool lines)
{
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    const unsigned code = code_point(text, i, n);
    // C0 controls, DEL and the C1 controls (U+0080..U+009F: a terminal may
    // take U+009B as CSI), bidi overrides that reorder what follows.
    const bool control = code < 0x20 || (code >= 0x7F && code <= 0x9F) ||
                         (code >= 0x202A && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069);
    const bool kept = lines && (code == '\n' || code == '\t');
    if (control && !kept) {
      out += escape(code);
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::size_t display_width(std::string_view text)
{
  std::size_t width = 0;
  for (const char c : text) {
    // Continuation bytes (10xxxxxx) do not start a character.
    width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return width;
}

std::string cut_to_width(std::string_view text, std::size_t columns)
{
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == columns) {
      return std::string(text.substr(0, i));
    }
  }
  return std::string(text);
}

int terminal_columns(int fd)
{
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  if (const char* env = std::getenv("COLUMNS"); env != nullptr) {
    const int columns = std::atoi(env);
    return columns > 0 ? columns : 0;
  }
  return 0;
}

} // namespace collproc::cli
