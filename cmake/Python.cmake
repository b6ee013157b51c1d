# The Python module `nsmlab` (python/, pybind11 over this library). NSMLAB_PYTHON=AUTO builds it
# when pybind11 and Python's headers are found, ON requires them, OFF skips it. An extension
# module is a shared object, so when it is built every module of the library is compiled
# position-independent; -fno-semantic-interposition keeps the inlining a -fPIE build has.
# Included before the modules are declared (CMAKE_POSITION_INDEPENDENT_CODE applies to new targets).
set(NSMLAB_PYTHON AUTO CACHE STRING "Build the Python module: AUTO (when pybind11 and python3-dev are found), ON, OFF")
set_property(CACHE NSMLAB_PYTHON PROPERTY STRINGS AUTO ON OFF)
set(NSMLAB_PYTHON_BUILT OFF)
if(NSMLAB_PYTHON STREQUAL "AUTO" AND (NSMLAB_SANITIZE OR NSMLAB_FUZZ))
  message(STATUS "Python module: not built in sanitizer/fuzzing builds (NSMLAB_PYTHON=ON to insist)")
elseif(NOT NSMLAB_PYTHON STREQUAL "OFF")
  # Debian's interpreter, whose packages (numpy, pytest, nbconvert) the tests use, rather than
  # whatever python3 comes first on PATH; pip passes its own (setup.py), as may -DPython3_EXECUTABLE.
  if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
    set(Python3_EXECUTABLE /usr/bin/python3)
  endif()
  find_package(Python3 COMPONENTS Interpreter Development.Module)
  if(Python3_FOUND)
    find_package(pybind11 CONFIG QUIET)
  endif()
  if(Python3_FOUND AND pybind11_FOUND)
    set(NSMLAB_PYTHON_BUILT ON)
  elseif(NSMLAB_PYTHON STREQUAL "ON")
    message(FATAL_ERROR "NSMLAB_PYTHON=ON but pybind11 (pybind11-dev) or Python's headers (python3-dev) were not found")
  else()
    message(STATUS "Python module: not built (pybind11-dev or python3-dev not found)")
  endif()
endif()
if(NSMLAB_PYTHON_BUILT)
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-fno-semantic-interposition>)
endif()
