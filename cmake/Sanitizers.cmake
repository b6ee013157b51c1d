# Builds the whole project under compiler sanitizers (g++ or clang++):
#   cmake -B build-asan -DNSMLAB_SANITIZE=address,undefined      (`make check-sanitizers`)
# The value is passed to -fsanitize=. Undefined behaviour aborts on the first report
# (-fno-sanitize-recover) so a test cannot pass while UBSan prints; -O1 -g keeps the
# run fast enough for the whole suite while the reports still have usable stacks.
# oneDNN and libgomp come from Debian uninstrumented: ASan checks our code only, and
# tools/sanitizers/ holds the suppressions for their false positives (each one explained).
set(NSMLAB_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined (empty: none)")
if(NSMLAB_SANITIZE)
  set(CMAKE_CXX_FLAGS_RELEASE "-O1 -g -DNDEBUG")
  add_compile_options(-fsanitize=${NSMLAB_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${NSMLAB_SANITIZE})
  if(NSMLAB_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()
