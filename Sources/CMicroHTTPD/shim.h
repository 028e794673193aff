#ifndef TALENTWATCH_CMICROHTTPD_SHIM_H
#define TALENTWATCH_CMICROHTTPD_SHIM_H
#include <stdint.h>
#include <stdarg.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
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

/// The port a running daemon is bound to (MHD_get_daemon_info is variadic); 0 when unknown.
static inline uint16_t tw_mhd_bound_port(struct MHD_Daemon *daemon) {
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
  return info == NULL ? 0 : info->port;
}

/// Writes the client's IP address of a connection as text into `buffer` (MHD_get_connection_info is
/// variadic); returns 1 on success, 0 when the address is unknown or not IPv4/IPv6.
static inline int tw_mhd_client_ip(struct MHD_Connection *connection, char *buffer, socklen_t size) {
  const union MHD_ConnectionInfo *info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == NULL || info->client_addr == NULL) return 0;
  const struct sockaddr *address = info->client_addr;
  if (address->sa_family == AF_INET) {
    return inet_ntop(AF_INET, &((const struct sockaddr_in *)address)->sin_addr, buffer, size) != NULL;
  }
  if (address->sa_family == AF_INET6) {
    return inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)address)->sin6_addr, buffer, size) != NULL;
  }
  return 0;
}

/// The socket of a connection, or -1 (MHD_get_connection_info is variadic). Used only to answer 413 while
/// a chunked body is still arriving, a state in which libmicrohttpd 0.9.75 refuses MHD_queue_response.
static inline int tw_mhd_connection_fd(struct MHD_Connection *connection) {
  const union MHD_ConnectionInfo *info =
      MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
  return info == NULL ? -1 : info->connect_fd;
}
/// The epoll descriptor of a daemon in external-polling epoll mode (MHD_get_daemon_info is variadic);
/// -1 when unknown. Used by the ingest loop experiment (bench-loop-server).
static inline int tw_mhd_epoll_fd(struct MHD_Daemon *daemon) {
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_EPOLL_FD);
  return info == NULL ? -1 : info->epoll_fd;
}
#endif
