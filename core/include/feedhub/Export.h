//
// Export.h
//
// The FEEDHUB_API macro that marks what libfeedhub exports to plugins.
//

#ifndef feedhub_Export_INCLUDED
#define feedhub_Export_INCLUDED

// libfeedhub is built with hidden visibility: only the plugin API, marked
// with this macro, is exported; the hub's internals stay internal.
#define FEEDHUB_API __attribute__((visibility("default")))

#endif // feedhub_Export_INCLUDED
