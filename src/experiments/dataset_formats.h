// The two dataset readers behind load_dataset(); each fills a Dataset from a parsed
// document, checking it field by field (errors name `file` and the JSON path).
#pragma once
#include <string>

#include "experiments/dataset.h"
#include "util/json_file.h"

namespace nsmlab {

inline constexpr const char* kNativeDatasetFormat = "nsmlab-dataset/1";

Dataset read_native_dataset(const Json& doc, const std::string& file);
Dataset read_panini_dataset(const Json& doc, const std::string& file);

}  // namespace nsmlab
