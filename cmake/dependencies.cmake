# Third-party dependencies, all from Debian packages or PyPI; nothing is downloaded here.
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)

if(MIDITOK_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()

if(MIDITOK_BUILD_PYTHON)
  find_package(Python 3.10 COMPONENTS Interpreter Development.Module REQUIRED)
  execute_process(COMMAND "${Python_EXECUTABLE}" -m nanobind --cmake_dir
                  OUTPUT_STRIP_TRAILING_WHITESPACE OUTPUT_VARIABLE nanobind_ROOT)
  find_package(nanobind CONFIG REQUIRED)
endif()
