#include "core/util/error.hpp"

namespace collproc {

Error::Error(ExitCode code, const std::string& message, std::string hint)
    : std::runtime_error(message), m_code(code), m_hint(std::move(hint))
{
}

Error Error::with_subject(const std::string& subject) const
{
  return Error(m_code, subject + ": " + what(), m_hint);
}

} // namespace collproc
