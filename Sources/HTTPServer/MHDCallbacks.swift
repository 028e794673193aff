import CMicroHTTPD

/// The `MHD_AccessHandlerCallback` of every server: forwards to the `ServerCore` in `context`.
///
/// A free function (not a closure in a main-actor file) so libmicrohttpd's threads may call it.
func serverAccessHandler(
  _ context: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
  _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?,
  _ uploadData: UnsafePointer<CChar>?, _ uploadDataSize: UnsafeMutablePointer<Int>?,
  _ slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
  guard let context, let connection, let uploadDataSize, let slot else { return .NO }
  let core = Unmanaged<ServerCore>.fromOpaque(context).takeUnretainedValue()
  return core.handle(
    connection: connection, url: url, method: method, uploadData: uploadData,
    uploadDataSize: uploadDataSize, slot: slot)
}

/// The `MHD_RequestCompletedCallback` (MHD_OPTION_NOTIFY_COMPLETED): releases per-request state.
func serverRequestCompleted(
  _ context: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
  _ slot: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ reason: MHD_RequestTerminationCode
) {
  guard let context, let slot else { return }
  Unmanaged<ServerCore>.fromOpaque(context).takeUnretainedValue().complete(slot: slot)
}
