// HF patterns are Rust regexes ({"Regex": ..}) or literal strings ({"String": ..});
// both become one precompiled RE2, with Rust's Unicode \s \d \w spelled out for RE2.
#pragma once
#include <re2/re2.h>

#include <memory>
#include <string>

#include "tokenizer/components.h"

namespace nsmlab::tok {

std::string rust_regex_to_re2(const std::string& pattern);
// Reads {"String": s} or {"Regex": r}; errors name the field.
std::unique_ptr<RE2> compile_pattern(const Json& pattern, const Where& w);

}  // namespace nsmlab::tok
