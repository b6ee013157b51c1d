#include "analysis/label_codes.h"

#include <algorithm>

#include "util/error.h"

namespace nsmlab {

LabelCodes encode_labels(const std::vector<int>& labels) {
  LabelCodes out;
  out.values = labels;
  std::sort(out.values.begin(), out.values.end());
  out.values.erase(std::unique(out.values.begin(), out.values.end()), out.values.end());
  out.codes.reserve(labels.size());
  for (int l : labels)
    out.codes.push_back(int(std::lower_bound(out.values.begin(), out.values.end(), l) - out.values.begin()));
  return out;
}

void require_same_length(const char* who, const std::vector<int>& truth, const std::vector<int>& pred) {
  if (truth.size() != pred.size())
    fail("{}: label vectors differ in length (truth has {}, prediction has {})", who, truth.size(), pred.size());
}

}  // namespace nsmlab
