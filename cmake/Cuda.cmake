# The CUDA backend: a plugin (libnsmlab_cuda.so, next to the nsmlab binary) loaded at run time
# by src/engine/gpu_plugin.cpp, so the core never links CUDA and runs where there is none.
# NSMLAB_CUDA=AUTO builds it when the toolkit is found, ON requires it, OFF skips it.
set(NSMLAB_CUDA AUTO CACHE STRING "Build the CUDA backend plugin: AUTO (when the CUDA toolkit is found), ON, OFF")
set_property(CACHE NSMLAB_CUDA PROPERTY STRINGS AUTO ON OFF)
set(NSMLAB_CUDA_BUILT OFF)
if(NSMLAB_CUDA STREQUAL "AUTO" AND (NSMLAB_SANITIZE OR NSMLAB_FUZZ))
  message(STATUS "CUDA backend: not built in sanitizer/fuzzing builds (NSMLAB_CUDA=ON to insist)")
elseif(NOT NSMLAB_CUDA STREQUAL "OFF")
  if(NOT CMAKE_CUDA_COMPILER AND NOT DEFINED ENV{CUDACXX} AND EXISTS /usr/local/cuda/bin/nvcc)
    set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc)  # the toolkit's usual home, off the PATH
  endif()
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    enable_language(CUDA)
    find_package(CUDAToolkit)
  endif()
  if(CMAKE_CUDA_COMPILER AND CUDAToolkit_FOUND AND TARGET CUDA::cublasLt)
    set(NSMLAB_CUDA_BUILT ON)
  elseif(NSMLAB_CUDA STREQUAL "ON")
    message(FATAL_ERROR "NSMLAB_CUDA=ON but no CUDA compiler and toolkit (with cuBLASLt) were found")
  else()
    message(STATUS "CUDA backend: not built (no CUDA toolkit found)")
  endif()
endif()

if(NSMLAB_CUDA_BUILT)
  # T4, A100, L4, H100/H200: the guide's GPUs. Override with -DCMAKE_CUDA_ARCHITECTURES=90 for a quick build.
  if(NOT DEFINED CACHE{NSMLAB_CUDA_ARCHITECTURES})
    set(NSMLAB_CUDA_ARCHITECTURES "75;80;89;90" CACHE STRING "GPU architectures of the CUDA plugin's kernels")
  endif()
  set(CMAKE_CUDA_STANDARD 17)
  file(GLOB cuda_srcs CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/cuda/*.cu)
  add_library(nsmlab_cuda SHARED ${cuda_srcs})
  set_target_properties(nsmlab_cuda PROPERTIES
    CUDA_ARCHITECTURES "${NSMLAB_CUDA_ARCHITECTURES}"
    CUDA_RUNTIME_LIBRARY Static
    CUDA_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}  # next to the nsmlab binary, where the loader looks
    BUILD_RPATH "\$ORIGIN"
    INSTALL_RPATH "\$ORIGIN")
  string(REPLACE ";" " sm_" archs_text "sm_${NSMLAB_CUDA_ARCHITECTURES}")
  target_compile_definitions(nsmlab_cuda PRIVATE NSMLAB_CUDA_ARCHS="${archs_text}")
  target_include_directories(nsmlab_cuda PRIVATE ${PROJECT_SOURCE_DIR}/src)
  # The project's -march and warning flags are for g++; pass only what nvcc's host side needs.
  target_compile_options(nsmlab_cuda PRIVATE $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-fPIC --expt-relaxed-constexpr>)
  target_link_libraries(nsmlab_cuda PRIVATE CUDA::cublasLt ${CMAKE_DL_LIBS})
  message(STATUS "CUDA backend: libnsmlab_cuda.so for ${archs_text} (CUDA ${CUDAToolkit_VERSION})")
endif()
