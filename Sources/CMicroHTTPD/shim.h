#ifndef TALENTWATCH_CMICROHTTPD_SHIM_H
#define TALENTWATCH_CMICROHTTPD_SHIM_H
#include <stdint.h>
#include <stdarg.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <microhttpd.h>

/// MHD_start_daemon is variadic; these wrappers pass a fixed option array (MHD_OPTION_ARRAY), which keeps
/// every option typed on the Swift side.
static inline struct MHD_Daemon *tw_mhd_start_daemon_with_options(
    unsigned int flags, uint16_t port,
    MHD_AcceptPolicyCallback accept_policy, void *accept_policy_context,
    MHD_AccessHandlerCallback handler, void *handler_context,
    struct MHD_OptionItem *options) {
  return MHD_start_daemon(flags, port, accept_policy, accept_policy_context, handler, handler_context,
                          MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}
#endif
