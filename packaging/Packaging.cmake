# Debian packages built with CPack: "feedhub" (daemon, core library, plugins,
# web files, hub.ini, systemd unit, man page) and "feedhub-dev" (the plugin SDK:
# headers, CMake package, example feed). Build them with packaging/build-debs.
#
# Included from the top-level CMakeLists.txt before the targets are defined, so
# that the install directories and hardening flags below apply to every target.

set(FEEDHUB_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})

# Where things go, relative to the install prefix (/usr for the packages).
# The core library is private to the daemon and its plugins, so it lives in the
# package's own folder rather than in the linker's search path.
set(FEEDHUB_INSTALL_PRIVATE_LIBDIR lib/feedhub)
set(FEEDHUB_INSTALL_PLUGINDIR ${FEEDHUB_INSTALL_PRIVATE_LIBDIR}/plugins)
set(FEEDHUB_INSTALL_WEBDIR ${CMAKE_INSTALL_DATADIR}/feedhub/web)
set(FEEDHUB_INSTALL_EXAMPLEDIR ${CMAKE_INSTALL_DATADIR}/feedhub/examples/example-feed)
set(FEEDHUB_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/Feedhub)
set(FEEDHUB_INSTALL_SYSCONFDIR ${CMAKE_INSTALL_FULL_SYSCONFDIR}/feedhub)
set(FEEDHUB_INSTALL_STATEDIR ${CMAKE_INSTALL_FULL_LOCALSTATEDIR}/lib/feedhub)

# The daemon and plugins find the private core library through RUNPATH.
set(CMAKE_INSTALL_RPATH ${CMAKE_INSTALL_PREFIX}/${FEEDHUB_INSTALL_PRIVATE_LIBDIR})

# Hardening for optimised builds: PIE executables, full RELRO with immediate
# binding, stack protector and fortified libc calls (as Debian's dpkg-buildflags).
include(CheckPIESupported)
check_pie_supported(LANGUAGES CXX)
set(FEEDHUB_OPTIMISED_BUILD $<NOT:$<CONFIG:Debug>>)
add_compile_options($<${FEEDHUB_OPTIMISED_BUILD}:-fstack-protector-strong>)
add_compile_definitions($<${FEEDHUB_OPTIMISED_BUILD}:_FORTIFY_SOURCE=2>)
add_link_options($<${FEEDHUB_OPTIMISED_BUILD}:LINKER:-z,relro> $<${FEEDHUB_OPTIMISED_BUILD}:LINKER:-z,now>)

# The Debian changelog names the version it describes; a project() version
# without its changelog entry would ship a package that contradicts itself.
file(STRINGS ${FEEDHUB_PACKAGING_DIR}/changelog FEEDHUB_CHANGELOG_HEAD LIMIT_COUNT 1)
if(NOT FEEDHUB_CHANGELOG_HEAD MATCHES "^feedhub \\(${PROJECT_VERSION}\\) ")
    message(FATAL_ERROR "packaging/changelog must start with an entry for feedhub (${PROJECT_VERSION}); "
                        "it starts with: ${FEEDHUB_CHANGELOG_HEAD}")
endif()

# Debian wants man pages and changelogs compressed without a timestamp (gzip -n).
set(FEEDHUB_PACKAGING_BUILD_DIR ${PROJECT_BINARY_DIR}/packaging)
function(feedhub_gzip source output)
    add_custom_command(OUTPUT ${output}
        COMMAND gzip -9nc ${source} > ${output}
        DEPENDS ${source}
        COMMENT "Compressing ${source}")
endfunction()
feedhub_gzip(${FEEDHUB_PACKAGING_DIR}/feedhub.8 ${FEEDHUB_PACKAGING_BUILD_DIR}/feedhub.8.gz)
feedhub_gzip(${FEEDHUB_PACKAGING_DIR}/feedhubctl.1 ${FEEDHUB_PACKAGING_BUILD_DIR}/feedhubctl.1.gz)
feedhub_gzip(${FEEDHUB_PACKAGING_DIR}/changelog ${FEEDHUB_PACKAGING_BUILD_DIR}/changelog.gz)
add_custom_target(feedhub_packaging_docs ALL
    DEPENDS ${FEEDHUB_PACKAGING_BUILD_DIR}/feedhub.8.gz ${FEEDHUB_PACKAGING_BUILD_DIR}/feedhubctl.1.gz
            ${FEEDHUB_PACKAGING_BUILD_DIR}/changelog.gz)

# The packaged hub.ini is etc/hub.ini without the quick start's development
# secrets ([auth] secret, the task-status token) and with the notify route
# closed: postinst writes a random secret and random tokens into the installed file.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/etc/hub.ini)
file(READ ${PROJECT_SOURCE_DIR}/etc/hub.ini FEEDHUB_PACKAGED_CONFIG)
string(REGEX REPLACE "; Bearer token that POST update_path[^\n]*\n(;[^\n]*\n)*token = [^\n]*\n"
       "; Bearer token that POST update_path requires: a random one is generated when\n\
; the package is first installed, so only root and the feedhub group may read\n\
; this file. The feed does not start without one.\ntoken =\n"
       FEEDHUB_PACKAGED_CONFIG "${FEEDHUB_PACKAGED_CONFIG}")
string(REGEX REPLACE "; Bearer token notify_path requires[^\n]*\n(;[^\n]*\n)*token =[^\n]*\n"
       "; Bearer token notify_path requires: a random one is generated when the package\n\
; is first installed. Empty: the route is open to anyone.\ntoken =\n"
       FEEDHUB_PACKAGED_CONFIG "${FEEDHUB_PACKAGED_CONFIG}")
string(REGEX REPLACE "; The HS256 key[^\n]*\n(;[^\n]*\n)*secret = [^\n]*\n"
       "; The HS256 key, at least 32 characters: a random one is generated when the\n\
; package is first installed. Mint tokens with feedhubctl token.\nsecret =\n"
       FEEDHUB_PACKAGED_CONFIG "${FEEDHUB_PACKAGED_CONFIG}")
if(NOT FEEDHUB_PACKAGED_CONFIG MATCHES "\nsecret =\n" OR FEEDHUB_PACKAGED_CONFIG MATCHES "dev-token"
   OR FEEDHUB_PACKAGED_CONFIG MATCHES "dev-secret" OR NOT FEEDHUB_PACKAGED_CONFIG MATCHES "generated when the package\n")
    message(FATAL_ERROR "packaging: cannot take the development secrets out of etc/hub.ini")
endif()
file(GENERATE OUTPUT ${FEEDHUB_PACKAGING_BUILD_DIR}/hub.ini CONTENT "${FEEDHUB_PACKAGED_CONFIG}")
install(FILES ${FEEDHUB_PACKAGING_BUILD_DIR}/hub.ini DESTINATION ${FEEDHUB_INSTALL_SYSCONFDIR} COMPONENT runtime)
install(FILES ${FEEDHUB_PACKAGING_DIR}/feedhub.service DESTINATION /lib/systemd/system COMPONENT runtime)
# The dashboard as the hub serves it; whatever else web/ may hold (tooling,
# tests) stays out of the package.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION ${FEEDHUB_INSTALL_WEBDIR} COMPONENT runtime
        FILES_MATCHING PATTERN "*.html" PATTERN "*.css" PATTERN "*.js" PATTERN "*.svg" PATTERN "*.png"
                       PATTERN "*.ico" PATTERN "node_modules" EXCLUDE)
install(FILES ${FEEDHUB_PACKAGING_BUILD_DIR}/feedhub.8.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man8
        COMPONENT runtime)
install(FILES ${FEEDHUB_PACKAGING_BUILD_DIR}/feedhubctl.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
        COMPONENT runtime)
foreach(package_component runtime sdk)
    if(package_component STREQUAL runtime)
        set(package_doc_dir ${CMAKE_INSTALL_DATADIR}/doc/feedhub)
    else()
        set(package_doc_dir ${CMAKE_INSTALL_DATADIR}/doc/feedhub-dev)
    endif()
    install(FILES ${FEEDHUB_PACKAGING_DIR}/copyright ${FEEDHUB_PACKAGING_BUILD_DIR}/changelog.gz
            DESTINATION ${package_doc_dir} COMPONENT ${package_component})
endforeach()
install(FILES ${PROJECT_SOURCE_DIR}/docs/writing-a-feed.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/feedhub-dev
        COMPONENT sdk)

# The SDK: find_package(Feedhub) gives the imported target Feedhub::feedhub and
# feedhub_add_feed().
include(CMakePackageConfigHelpers)
configure_package_config_file(${FEEDHUB_PACKAGING_DIR}/FeedhubConfig.cmake.in
    ${FEEDHUB_PACKAGING_BUILD_DIR}/FeedhubConfig.cmake
    INSTALL_DESTINATION ${FEEDHUB_INSTALL_CMAKEDIR})
write_basic_package_version_file(${FEEDHUB_PACKAGING_BUILD_DIR}/FeedhubConfigVersion.cmake
    COMPATIBILITY SameMinorVersion)
install(FILES ${FEEDHUB_PACKAGING_BUILD_DIR}/FeedhubConfig.cmake
              ${FEEDHUB_PACKAGING_BUILD_DIR}/FeedhubConfigVersion.cmake
        DESTINATION ${FEEDHUB_INSTALL_CMAKEDIR} COMPONENT sdk)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/FeedhubFeed.cmake DESTINATION ${FEEDHUB_INSTALL_CMAKEDIR} COMPONENT sdk)
install(EXPORT FeedhubTargets NAMESPACE Feedhub:: DESTINATION ${FEEDHUB_INSTALL_CMAKEDIR} COMPONENT sdk)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/plugins/example/ DESTINATION ${FEEDHUB_INSTALL_EXAMPLEDIR} COMPONENT sdk)

# feedhub_packaged builds what the packages hold and not the tests, so that
# build-debs costs one build of the product. Its dependencies are collected
# once every directory has defined its targets.
add_custom_target(feedhub_packaged)
add_dependencies(feedhub_packaged feedhub_packaging_docs)
function(feedhub_collect_packaged_targets directory)
    get_property(targets DIRECTORY ${directory} PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target ${targets})
        get_target_property(type ${target} TYPE)
        if(type MATCHES "^(EXECUTABLE|SHARED_LIBRARY|MODULE_LIBRARY)$")
            add_dependencies(feedhub_packaged ${target})
        endif()
    endforeach()
    get_property(subdirectories DIRECTORY ${directory} PROPERTY SUBDIRECTORIES)
    foreach(subdirectory ${subdirectories})
        feedhub_collect_packaged_targets(${subdirectory})
    endforeach()
endfunction()
cmake_language(DEFER CALL feedhub_collect_packaged_targets ${PROJECT_SOURCE_DIR}/core)
cmake_language(DEFER CALL feedhub_collect_packaged_targets ${PROJECT_SOURCE_DIR}/plugins)
cmake_language(DEFER CALL feedhub_collect_packaged_targets ${PROJECT_SOURCE_DIR}/tools/feedhubctl)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME feedhub)
set(CPACK_PACKAGE_VENDOR "feedhub maintainers")
set(CPACK_PACKAGE_CONTACT "feedhub maintainers <maintainers@feedhub.example>" CACHE STRING
    "Maintainer field of the Debian packages")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_SET_DESTDIR ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
set(CPACK_COMPONENTS_ALL runtime sdk)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME feedhub)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION net)
# adduser for postinst; procps for the unit's ExecReload (/bin/kill).
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "adduser, procps")
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
    "realtime hub pushing live events over Server-Sent Events and long polling
feedhub is a daemon that pushes live data to browsers and scripts. It serves
Server-Sent Events and HTTP long polling over one topic bus with per-topic
history, event ids and resume, takes events on an HTTP publish API, and runs
feeds (shared-library plugins enabled in /etc/feedhub/hub.ini) such as stock
quotes, notifications and task status. It runs as a systemd service under its
own user and reloads hub.ini on SIGHUP without dropping subscribers.")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA
    ${FEEDHUB_PACKAGING_DIR}/debian/conffiles
    ${FEEDHUB_PACKAGING_DIR}/debian/postinst
    ${FEEDHUB_PACKAGING_DIR}/debian/prerm
    ${FEEDHUB_PACKAGING_DIR}/debian/postrm)

set(CPACK_DEBIAN_SDK_PACKAGE_NAME feedhub-dev)
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_SDK_PACKAGE_DEPENDS "feedhub (= ${PROJECT_VERSION}), libpoco-dev")
set(CPACK_DEBIAN_SDK_PACKAGE_RECOMMENDS "cmake, g++")
set(CPACK_DEBIAN_SDK_PACKAGE_SHLIBDEPS OFF)
set(CPACK_COMPONENT_SDK_DESCRIPTION
    "plugin SDK for the feedhub realtime hub
Everything needed to write a feed for feedhub: the public C++ headers of the
plugin API, a CMake package (find_package(Feedhub) gives the Feedhub::feedhub
target and the feedhub_add_feed() function) and the example feed's source in
/usr/share/feedhub/examples/example-feed as a template to copy.")

include(CPack)
