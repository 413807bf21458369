#include "core/util/limits.hpp"

namespace collproc::util {

namespace {
Limits g_limits;
} // namespace

const Limits& limits()
{
  return g_limits;
}

void set_limits(const Limits& limits)
{
  g_limits = limits;
}

} // namespace collproc::util
