#include "core/plan/plan.h"

#include <algorithm>

namespace keyway::plan {

Plan Plan::reversed() const {
  Plan out;
  out.steps.reserve(steps.size());
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    Step step = *it;
    std::swap(step.sql, step.reverse);
    step.summary = "undo: " + it->summary;
    step.destructive = it->reverse_loses_data;
    step.reverse_loses_data = it->destructive;
    step.outside_transaction = false;  // undo statements always run in the transaction
    step.checks.clear();
    out.steps.push_back(std::move(step));
  }
  return out;
}

}  // namespace keyway::plan
