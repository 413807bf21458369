#include "core/po/text.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace collproc::po {

namespace {

bool is_space_at(std::string_view s, size_t i, size_t& width)
{
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
    width = 1;
    return true;
  }
  // NBSP in UTF-8, common in ERP exports that pad numbers.
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    width = 2;
    return true;
  }
  return false;
}

// The length of the well-formed UTF-8 sequence at s[i], 0 when there is none.
size_t utf8_sequence_at(std::string_view s, size_t i)
{
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = byte(0);
  size_t len = 0;
  unsigned char low = 0x80; // the second byte's range
  unsigned char high = 0xBF;
  if (c < 0x80) {
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    low = c == 0xE0 ? 0xA0 : 0x80;  // not overlong
    high = c == 0xED ? 0x9F : 0xBF; // not a surrogate
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    low = c == 0xF0 ? 0x90 : 0x80;  // not overlong
    high = c == 0xF4 ? 0x8F : 0xBF; // not past U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size() || byte(1) < low || byte(1) > high) {
    return 0;
  }
  for (size_t k = 2; k < len; ++k) {
    if ((byte(k) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return len;
}

} // namespace

std::string trim(std::string_view text)
{
  size_t begin = 0;
  size_t width = 0;
  while (begin < text.size() && is_space_at(text, begin, width)) {
    begin += width;
  }
  size_t end = text.size();
  while (end > begin) {
    if (is_space_at(text, end - 1, width)) {
      --end;
    } else if (end - begin >= 2 && is_space_at(text, end - 2, width) && width == 2) {
      end -= 2;
    } else {
      break;
    }
  }
  return std::string(text.substr(begin, end - begin));
}

std::string lower_ascii(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

std::string lower_latin(std::string_view text)
{
  std::string out = lower_ascii(text);
  for (size_t i = 0; i + 1 < out.size(); ++i) {
    // U+00C0..U+00DE (but U+00D7, the multiplication sign) are C3 80..C3 9E;
    // their lower-case letters are 0x20 further on.
    const auto second = static_cast<unsigned char>(out[i + 1]);
    if (static_cast<unsigned char>(out[i]) == 0xC3 && second >= 0x80 && second <= 0x9E &&
        second != 0x97) {
      out[i + 1] = static_cast<char>(second + 0x20);
      ++i;
    }
  }
  return out;
}

std::string fold(std::string_view text)
{
  std::string out;
  for (char c : lower_latin(text)) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      out += c;
    }
  }
  return out;
}

bool is_utf8(std::string_view text)
{
  for (size_t i = 0; i < text.size();) {
    const size_t len = utf8_sequence_at(text, i);
    if (len == 0) {
      return false;
    }
    i += len;
  }
  return true;
}

std::string repair_utf8(std::string_view text)
{
  if (is_utf8(text)) {
    return std::string(text);
  }
  std::string out;
  out.reserve(text.size() + 8);
  for (size_t i = 0; i < text.size();) {
    const size_t len = utf8_sequence_at(text, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD"; // U+FFFD
      ++i;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::optional<double> parse_number(std::string_view text)
{
  std::string s = trim(text);
  if (s.empty() || s.size() > 64) {
    return std::nullopt;
  }
  bool negative = false;
  if (s.front() == '(' && s.back() == ')') {
    negative = true;
    s = s.substr(1, s.size() - 2);
  }
  // Keep digits and separators; allow a currency word or symbol around them,
  // but not letters mixed into the digits ("12A" is a style, not a number).
  std::string digits;
  bool seen_digit = false;
  bool after_digits = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isdigit(c)) {
      if (after_digits) {
        return std::nullopt;
      }
      digits += static_cast<char>(c);
      seen_digit = true;
    } else if (c == '.' || c == ',') {
      if (after_digits) {
        return std::nullopt;
      }
      digits += static_cast<char>(c);
    } else if (c == '-' && !seen_digit && digits.empty()) {
      negative = !negative;
    } else if (c == '\'' && seen_digit) {
      // Swiss thousands separator.
    } else if (c == ' ' || c == '$' || c == '%' || std::isalpha(c) || c >= 0x80) {
      // Currency symbols (bytes of UTF-8 ones), codes and spaces, only
      // before or after the digits.
      if (seen_digit) {
        after_digits = true;
      }
      if (std::isalpha(c) && !seen_digit) {
        // "USD 42" is fine, "A12" is not: letters must be a whole word of 3.
        size_t j = i;
        while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) {
          ++j;
        }
        if (j - i != 3 || j >= s.size() ||
            (s[j] != ' ' && !std::isdigit(static_cast<unsigned char>(s[j])))) {
          return std::nullopt;
        }
        i = j - 1;
      } else if (std::isalpha(c) && seen_digit) {
        size_t j = i;
        while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) {
          ++j;
        }
        if (j - i != 3 || j != s.size()) {
          return std::nullopt;
        }
        i = j - 1;
      }
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit) {
    return std::nullopt;
  }
  const size_t last_dot = digits.rfind('.');
  const size_t last_comma = digits.rfind(',');
  std::string plain;
  char decimal = 0;
  if (last_dot != std::string::npos && last_comma != std::string::npos) {
    decimal = last_dot > last_comma ? '.' : ',';
  } else if (last_comma != std::string::npos) {
    // "1,200" groups thousands; "42,00" and "4,5" use a decimal comma.
    const size_t after = digits.size() - last_comma - 1;
    const bool single = digits.find(',') == last_comma;
    decimal = (single && after != 3) ? ',' : 0;
  } else if (last_dot != std::string::npos) {
    const size_t after = digits.size() - last_dot - 1;
    const bool single = digits.find('.') == last_dot;
    decimal = (single || after != 3) ? '.' : 0;
  }
  for (char c : digits) {
    if (c == decimal) {
      plain += '.';
    } else if (c != '.' && c != ',') {
      plain += c;
    }
  }
  char* end = nullptr;
  const double value = std::strtod(plain.c_str(), &end);
  if (end == plain.c_str() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

std::optional<int> parse_count(std::string_view text)
{
  const std::optional<double> value = parse_number(text);
  if (!value || *value < 0 || *value > 10'000'000 || std::floor(*value) != *value) {
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

std::string format_number(double value)
{
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

} // namespace collproc::po
