# Installation of the static library and headers, and find_package(miditok) for C++ users.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
if(NOT SKBUILD)
  install(TARGETS miditok EXPORT miditokTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(DIRECTORY include/miditok DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT miditokTargets NAMESPACE miditok:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/miditok)
  configure_package_config_file(cmake/miditokConfig.cmake.in
    ${CMAKE_CURRENT_BINARY_DIR}/miditokConfig.cmake
    INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/miditok)
  write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/miditokConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/miditokConfig.cmake
    ${CMAKE_CURRENT_BINARY_DIR}/miditokConfigVersion.cmake
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/miditok)
endif()
