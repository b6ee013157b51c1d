# libFuzzer targets for every parser of untrusted input (tests/fuzz/, docs/FUZZING.md):
#   CXX=clang++ cmake -B build-fuzz -DNSMLAB_FUZZ=ON -DNSMLAB_BUILD_TESTS=OFF -DNSMLAB_BUILD_BENCH=OFF
# libFuzzer only exists in clang, and its instrumentation must cover the code it
# explores, so the whole library is compiled by clang with coverage hooks
# (fuzzer-no-link) plus ASan and UBSan; only the fuzz targets link the fuzzer's main.
option(NSMLAB_FUZZ "Build the libFuzzer targets (clang++ only)" OFF)
if(NSMLAB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "NSMLAB_FUZZ needs clang++ (libFuzzer is part of clang): "
                        "configure a separate folder with CXX=clang++ (make fuzz does)")
  endif()
  set(CMAKE_CXX_FLAGS_RELEASE "-O1 -g -DNDEBUG")
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -Wno-unknown-warning-option)  # g++-only -Wno-* flags above
  add_link_options(-fsanitize=address,undefined)
  # The targets need the module libraries, which are defined further down CMakeLists.txt.
  cmake_language(DEFER CALL include ${PROJECT_SOURCE_DIR}/tests/fuzz/targets.cmake)
endif()
