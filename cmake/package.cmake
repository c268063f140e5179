# Installation of the static libraries and headers, and find_package(miditok [COMPONENTS torch])
# for C++ users from any install prefix (GNUInstallDirs is included at the top of the project).
include(CMakePackageConfigHelpers)
if(NOT SKBUILD)
  set(_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/miditok)
  install(TARGETS miditok EXPORT miditokTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(DIRECTORY include/miditok DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT miditokTargets NAMESPACE miditok:: DESTINATION ${_cmake_dir})
  if(TARGET miditok_torch)  # the libtorch adapters, component "torch"
    install(TARGETS miditok_torch EXPORT miditokTorchTargets
            ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
    install(DIRECTORY torch/include/miditok_torch DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
    install(EXPORT miditokTorchTargets NAMESPACE miditok:: DESTINATION ${_cmake_dir})
  endif()
  configure_package_config_file(cmake/miditokConfig.cmake.in
    ${CMAKE_CURRENT_BINARY_DIR}/miditokConfig.cmake INSTALL_DESTINATION ${_cmake_dir})
  write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/miditokConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/miditokConfig.cmake
    ${CMAKE_CURRENT_BINARY_DIR}/miditokConfigVersion.cmake DESTINATION ${_cmake_dir})
  install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/licenses/miditok)
endif()
