#ifndef CCURL_H
#define CCURL_H
#include <curl/curl.h>

/// Typed wrappers for libcurl's variadic calls, which Swift cannot call.
CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_easy_setopt_write_function(CURL *handle, size_t (*callback)(char *, size_t, size_t, void *));
CURLcode ccurl_easy_setopt_header_function(CURL *handle, size_t (*callback)(char *, size_t, size_t, void *));
CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
#endif
