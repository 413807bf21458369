// The O(n^3) Hungarian algorithm with potentials, on a square matrix padded
// with zero-cost dummy rows or columns.

#include "core/layout/assignment.hpp"

#include <algorithm>
#include <limits>

namespace collproc::layout {

std::vector<int> min_cost_assignment(const std::vector<std::vector<double>>& cost)
{
  const size_t rows = cost.size();
  const size_t cols = rows == 0 ? 0 : cost.front().size();
  const size_t n = std::max(rows, cols);
  if (n == 0) {
    return {};
  }
  auto at = [&](size_t r, size_t c) { return r < rows && c < cols ? cost[r][c] : 0.0; };
  const double inf = std::numeric_limits<double>::infinity();
  // 1-based arrays: u, v potentials; p[j] the row matched to column j.
  std::vector<double> u(n + 1, 0), v(n + 1, 0);
  std::vector<size_t> p(n + 1, 0), way(n + 1, 0);
  for (size_t i = 1; i <= n; ++i) {
    p[0] = i;
    size_t j0 = 0;
    std::vector<double> minv(n + 1, inf);
    std::vector<bool> used(n + 1, false);
    do {
      used[j0] = true;
      const size_t i0 = p[j0];
      double delta = inf;
      size_t j1 = 0;
      for (size_t j = 1; j <= n; ++j) {
        if (used[j]) {
          continue;
        }
        const double cur = at(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (size_t j = 0; j <= n; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      const size_t j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  std::vector<int> result(rows, -1);
  for (size_t j = 1; j <= n; ++j) {
    if (p[j] >= 1 && p[j] <= rows && j <= cols) {
      result[p[j] - 1] = static_cast<int>(j - 1);
    }
  }
  return result;
}

} // namespace collproc::layout
