# Third-party dependencies, all from Debian packages or PyPI; nothing is downloaded here.
# Header-only ones (nlohmann_json, pdqsort) come from a CMake/system install when there is one,
# else from the pinned PyPI packages of the Python running the build (pyproject's build
# requirements, requirements/dev.txt): `pip install .` needs nothing but Python and a compiler.
find_package(Threads REQUIRED)

if(MIDITOK_BUILD_PYTHON)
  find_package(Python 3.10 COMPONENTS Interpreter Development.Module REQUIRED)
  execute_process(COMMAND "${Python_EXECUTABLE}" -m nanobind --cmake_dir
                  OUTPUT_STRIP_TRAILING_WHITESPACE OUTPUT_VARIABLE nanobind_ROOT)
  find_package(nanobind CONFIG REQUIRED)
elseif(NOT Python_EXECUTABLE)
  find_package(Python 3.10 COMPONENTS Interpreter QUIET)
endif()

# The include/ folder of an installed Python package (PyPI's nlohmann-json, boost-headers) that
# holds `header`, or "" (found without importing the package).
function(miditok_pypi_include package header out)
  set(${out} "" PARENT_SCOPE)
  if(NOT Python_EXECUTABLE)
    return()
  endif()
  execute_process(
    COMMAND "${Python_EXECUTABLE}" -c
      "import importlib.util as u; s = u.find_spec('${package}'); print(next(iter(s.submodule_search_locations)) if s else '')"
    OUTPUT_VARIABLE dir OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(dir AND EXISTS "${dir}/include/${header}")
    set(${out} "${dir}/include" PARENT_SCOPE)
  endif()
endfunction()

# nlohmann_json (private to the library: no public header includes it).
find_package(nlohmann_json 3.10 CONFIG QUIET)
if(nlohmann_json_FOUND)
  message(STATUS "miditok: nlohmann_json ${nlohmann_json_VERSION} from ${nlohmann_json_DIR}")
else()
  miditok_pypi_include(nlohmann_json nlohmann/json.hpp _json_inc)
  if(NOT _json_inc)
    message(FATAL_ERROR "miditok needs the nlohmann/json headers (3.10 or newer). Install one of:\n"
      "  pip install nlohmann-json==3.12.0   (into the Python given by -DPython_EXECUTABLE)\n"
      "  apt-get install nlohmann-json3-dev  (Debian / Ubuntu)\n"
      "or point CMAKE_PREFIX_PATH at a prefix holding nlohmann_jsonConfig.cmake.")
  endif()
  message(STATUS "miditok: nlohmann_json from the PyPI package nlohmann-json (${_json_inc})")
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE "${_json_inc}")
endif()

# pdqsort: symusic sorts global events by time with pdqsort_branchless (unstable), so same-tick
# events keep symusic's order only when sorted by the same algorithm. Debian's pdqsort-dev
# (orlp's pdqsort.h), else Boost.Sort's port (system Boost, or PyPI's boost-headers).
add_library(miditok_pdqsort INTERFACE)
find_path(MIDITOK_PDQSORT_INCLUDE_DIR pdqsort.h)
find_path(MIDITOK_BOOST_SORT_INCLUDE_DIR boost/sort/pdqsort/pdqsort.hpp)
if(NOT MIDITOK_BOOST_SORT_INCLUDE_DIR)
  miditok_pypi_include(boost_headers boost/sort/pdqsort/pdqsort.hpp _boost_inc)
  if(_boost_inc)
    set(MIDITOK_BOOST_SORT_INCLUDE_DIR "${_boost_inc}" CACHE PATH "Boost.Sort headers" FORCE)
  endif()
endif()
if(MIDITOK_PDQSORT_INCLUDE_DIR)
  message(STATUS "miditok: pdqsort from ${MIDITOK_PDQSORT_INCLUDE_DIR}/pdqsort.h")
  target_include_directories(miditok_pdqsort SYSTEM INTERFACE "${MIDITOK_PDQSORT_INCLUDE_DIR}")
elseif(MIDITOK_BOOST_SORT_INCLUDE_DIR)
  message(STATUS "miditok: pdqsort from Boost.Sort (${MIDITOK_BOOST_SORT_INCLUDE_DIR})")
  target_include_directories(miditok_pdqsort SYSTEM INTERFACE "${MIDITOK_BOOST_SORT_INCLUDE_DIR}")
  target_compile_definitions(miditok_pdqsort INTERFACE MIDITOK_PDQSORT_BOOST=1)
else()
  message(FATAL_ERROR "miditok needs pdqsort (symusic's sort order). Install one of:\n"
    "  pip install boost-headers==1.85.0.post1  (into the Python given by -DPython_EXECUTABLE)\n"
    "  apt-get install pdqsort-dev              (Debian / Ubuntu; or libboost-dev)")
endif()

if(MIDITOK_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
