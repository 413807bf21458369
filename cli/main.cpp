#include "core/util/error.hpp"

#include <cstdio>

int main()
{
  std::puts("collproc");
  return 0;
}
