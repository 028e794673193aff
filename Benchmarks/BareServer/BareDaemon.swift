import CMicroHTTPD
import Glibc

/// The baseline daemon: no router, no per-request Swift objects, one response reused for every request.
///
/// The callbacks live in this file (not main.swift) so they are not main-actor isolated.
struct BareDaemon {
  /// The running `struct MHD_Daemon *`.
  let daemon: OpaquePointer
  /// The shared response, destroyed after the daemon stops.
  let response: OpaquePointer
  /// The bound port.
  let port: Int

  /// Starts on 127.0.0.1:`port` (0 = ephemeral) with the same flags and limits as `Server`.
  static func start(port: UInt16) -> BareDaemon? {
    let body: StaticString = #"{"status":"ok"}"#
    guard
      let response = MHD_create_response_from_buffer(
        body.utf8CodeUnitCount, UnsafeMutableRawPointer(mutating: body.utf8Start),
        .RESPMEM_PERSISTENT)
    else { return nil }
    _ = MHD_add_response_header(response, "content-type", "application/json")
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let flags =
      MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue
      | MHD_ALLOW_SUSPEND_RESUME.rawValue
    let completed: MHD_RequestCompletedCallback = bareRequestCompleted
    let daemon = withUnsafeMutablePointer(to: &address) { addressPointer in
      var options = [
        MHD_OptionItem(option: .CONNECTION_LIMIT, value: 1024, ptr_value: nil),
        MHD_OptionItem(option: .CONNECTION_TIMEOUT, value: 30, ptr_value: nil),
        MHD_OptionItem(
          option: .NOTIFY_COMPLETED, value: unsafeBitCast(completed, to: Int.self), ptr_value: nil),
        MHD_OptionItem(
          option: .SOCK_ADDR, value: 0, ptr_value: UnsafeMutableRawPointer(addressPointer)),
        MHD_OptionItem(option: .THREAD_POOL_SIZE, value: 2, ptr_value: nil),
        MHD_OptionItem(option: .END, value: 0, ptr_value: nil),
      ]
      return options.withUnsafeMutableBufferPointer { items in
        tw_mhd_start_daemon_with_options(
          flags, port, nil, nil, bareAccessHandler, UnsafeMutableRawPointer(response),
          items.baseAddress)
      }
    }
    guard let daemon else {
      MHD_destroy_response(response)
      return nil
    }
    return BareDaemon(daemon: daemon, response: response, port: Int(tw_mhd_bound_port(daemon)))
  }

  /// Stops the daemon and frees the shared response.
  func stop() {
    MHD_stop_daemon(daemon)
    MHD_destroy_response(response)
  }
}

/// First call marks the request, body calls discard the body, the final call queues the shared response.
private func bareAccessHandler(
  _ context: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
  _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?,
  _ uploadData: UnsafePointer<CChar>?, _ uploadDataSize: UnsafeMutablePointer<Int>?,
  _ slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
  guard let slot, let uploadDataSize else { return .NO }
  if slot.pointee == nil {
    slot.pointee = UnsafeMutableRawPointer(bitPattern: 1)
    return .YES
  }
  if uploadDataSize.pointee > 0 {
    uploadDataSize.pointee = 0
    return .YES
  }
  return MHD_queue_response(connection, 200, OpaquePointer(context))
}

/// Clears the request marker so the next request on a keep-alive connection starts afresh.
private func bareRequestCompleted(
  _ context: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
  _ slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ reason: MHD_RequestTerminationCode
) {
  slot?.pointee = nil
}

/// Writes `message` and a newline to standard error and exits with `code`.
func exitWithMessage(_ message: String, code: Int32) -> Never {
  let line = Array((message + "\n").utf8)
  _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
  exit(code)
}
