# Compiler warnings and sanitizers, applied to our own targets through miditok_warnings.
add_library(miditok_warnings INTERFACE)
# (-Wshadow=local is GCC's; clang builds the sanitizer tree.)
target_compile_options(miditok_warnings INTERFACE -Wall -Wextra -Wpedantic
                       $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local> -Wnon-virtual-dtor
                       -Wno-unused-parameter)
if(MIDITOK_WERROR)
  target_compile_options(miditok_warnings INTERFACE -Werror)
endif()
if(MIDITOK_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
# GCC 12 reports a false -Wrestrict inside libstdc++ for `"literal" + std::string&&`
# (GCC bug 105329); it is not in our code, so it must not fail -Werror builds.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(miditok_warnings INTERFACE -Wno-restrict)
endif()
