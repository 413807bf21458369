#pragma once
// Minimum-cost assignment (the Hungarian algorithm) for phase 6.

#include <vector>

namespace collproc::layout {

// For a rows x cols cost matrix (any shape, rows may differ in nothing but
// values), the column assigned to each row, or -1 when rows outnumber
// columns and the row gets none. The total cost is minimal; ties resolve
// the same way on every run.
std::vector<int> min_cost_assignment(const std::vector<std::vector<double>>& cost);

} // namespace collproc::layout
