// Internal: arbitrary int labels -> dense codes 0..k-1 in sorted label order (numpy.unique).
#pragma once
#include <vector>

namespace nsmlab {

struct LabelCodes {
  std::vector<int> values;  // sorted distinct labels
  std::vector<int> codes;   // per item, index into values
};
LabelCodes encode_labels(const std::vector<int>& labels);
// Throws unless both label vectors have the same length (names the caller).
void require_same_length(const char* who, const std::vector<int>& truth, const std::vector<int>& pred);

}  // namespace nsmlab
