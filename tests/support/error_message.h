// What the tests of untrusted input look at: the message of the nsmlab::Error a call throws.
// Shared by every test program (one definition, so that a unity batch never holds two).
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "util/error.h"

namespace nsmlab::test_support {

// The message of the nsmlab::Error that f throws, or "(no error)" when it returns.
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

// A failure that shows both strings when msg does not contain part.
inline void expect_contains(const std::string& msg, const std::string& part) {
  EXPECT_NE(msg.find(part), std::string::npos) << "message: " << msg << "\nexpected to contain: " << part;
}

}  // namespace nsmlab::test_support
