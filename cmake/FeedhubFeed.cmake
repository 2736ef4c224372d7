# feedhub_add_feed(<name> SOURCES <file>... [LIBRARIES <target>...] [NO_INSTALL])
#
# Builds the feed plugin <name>.so that hub.ini loads with
#     [feeds]
#     enabled = <name>
# from the sources, one of which exports the feed with FEEDHUB_FEED(). The
# plugin is a MODULE with hidden visibility and a version script: the hub
# loads plugins into one global symbol scope, so only the API version symbol
# and the Poco manifest functions (from FEEDHUB_FEED) are exported, and
# nothing of one plugin can interpose on another's. LIBRARIES are linked
# privately besides the hub's plugin API library, libfeedhub. Unless
# NO_INSTALL is given, "cmake --install" puts the plugin in
# FEEDHUB_INSTALL_PLUGINDIR: for an SDK user /usr/local/lib/feedhub/plugins,
# which the packaged hub searches after its own /usr/lib/feedhub/plugins, so
# that a plugin of one's own never lands in a folder the package owns.
#
# In the feedhub source tree plugins are written to FEEDHUB_PLUGIN_OUTPUT_DIR,
# where a daemon run from the build tree finds them; an SDK user gets them in
# the current build directory.

include_guard(GLOBAL)

# The folder for plugins installed by hand or with the SDK; hub.ini's empty
# [feeds] plugin_dir searches it too.
set(FEEDHUB_LOCAL_PLUGINDIR /usr/local/lib/feedhub/plugins)
if(NOT DEFINED FEEDHUB_INSTALL_PLUGINDIR)
    set(FEEDHUB_INSTALL_PLUGINDIR ${FEEDHUB_LOCAL_PLUGINDIR} CACHE PATH
        "Where cmake --install puts feed plugins (the packaged hub searches this folder)")
endif()

# Hidden visibility leaves exported what headers mark visible (Poco's and the
# standard library's inline code); this version script exports only what the
# hub looks up.
set(FEEDHUB_PLUGIN_EXPORTS ${CMAKE_BINARY_DIR}/feedhub-plugin-exports.map)
file(GENERATE OUTPUT ${FEEDHUB_PLUGIN_EXPORTS} CONTENT
"{
  global:
    feedhub_plugin_api_version;
    pocoBuildManifest;
    pocoInitializeLibrary;
    pocoUninitializeLibrary;
  local:
    *;
};
")

function(feedhub_add_feed name)
    cmake_parse_arguments(FEED "NO_INSTALL" "" "SOURCES;LIBRARIES" ${ARGN})
    if(NOT FEED_SOURCES)
        message(FATAL_ERROR "feedhub_add_feed(${name}): SOURCES is required")
    endif()
    add_library(${name} MODULE ${FEED_SOURCES})
    set_target_properties(${name} PROPERTIES
        PREFIX ""
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)
    if(DEFINED FEEDHUB_PLUGIN_OUTPUT_DIR)
        set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${FEEDHUB_PLUGIN_OUTPUT_DIR})
    endif()
    target_link_libraries(${name} PRIVATE Feedhub::feedhub ${FEED_LIBRARIES})
    # Unresolved symbols are an error when the plugin is linked, not a
    # failure to load it in the hub.
    target_link_options(${name} PRIVATE LINKER:--no-undefined LINKER:--version-script=${FEEDHUB_PLUGIN_EXPORTS})
    set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${FEEDHUB_PLUGIN_EXPORTS})
    if(NOT FEED_NO_INSTALL)
        install(TARGETS ${name} LIBRARY DESTINATION ${FEEDHUB_INSTALL_PLUGINDIR} COMPONENT runtime)
    endif()
endfunction()
