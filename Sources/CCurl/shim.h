#ifndef TALENTWATCH_CCURL_SHIM_H
#define TALENTWATCH_CCURL_SHIM_H
#include <curl/curl.h>

/// curl_easy_setopt and curl_easy_getinfo are variadic and do not import: one typed wrapper per shape.
static inline CURLcode tw_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle, option, value);
}
static inline CURLcode tw_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(handle, option, value);
}
static inline CURLcode tw_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return curl_easy_setopt(handle, option, value);
}
static inline CURLcode tw_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return curl_easy_setopt(handle, option, value);
}
static inline CURLcode tw_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
  return curl_easy_setopt(handle, option, value);
}
typedef size_t (*tw_curl_data_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode tw_curl_easy_setopt_data_callback(CURL *handle, CURLoption option, tw_curl_data_callback value) {
  return curl_easy_setopt(handle, option, value);
}
static inline CURLcode tw_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode tw_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
  return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode tw_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
  return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode tw_curl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
  return curl_easy_getinfo(handle, info, value);
}
static inline CURLSHcode tw_curl_share_setopt_long(CURLSH *share, CURLSHoption option, long value) {
  return curl_share_setopt(share, option, value);
}
/// Progress callback shape (CURLOPT_XFERINFOFUNCTION): returning non-zero aborts the transfer, used for cancellation.
typedef int (*tw_curl_xferinfo_callback)(void *context, curl_off_t download_total, curl_off_t download_now,
                                         curl_off_t upload_total, curl_off_t upload_now);
static inline CURLcode tw_curl_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option, tw_curl_xferinfo_callback value) {
  return curl_easy_setopt(handle, option, value);
}
#endif
