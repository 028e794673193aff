import CMicroHTTPD

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An HTTP/1.1 server over libmicrohttpd: a thread pool with epoll, keep-alive, deferred answers.
///
/// Handlers run on libmicrohttpd's threads and must not block; a handler that never calls `send` keeps
/// its connection suspended until `stop` answers it 503 (there is no per-request timeout).
public final class Server: Sendable {
  /// Where the server is in its life.
  private enum Lifecycle {
    case idle
    case running(Daemon)
    case stopping
    case stopped
  }

  /// The running daemon and what must be released with it.
  private struct Daemon: @unchecked Sendable {
    // Only touched by start and by the single stop that takes it out of `lifecycle` under its lock.
    /// The `struct MHD_Daemon *`.
    let pointer: OpaquePointer
    /// The retained `ServerCore` handed to libmicrohttpd as callback context.
    let context: UnsafeMutableRawPointer
    /// The `strdup`ed certificate and key handed to libmicrohttpd, freed after it stopped.
    let tlsStrings: [UnsafeMutablePointer<CChar>]
  }

  private let configuration: ServerConfiguration
  private let core: ServerCore
  private let lifecycle = Locked(Lifecycle.idle)

  /// Creates a server; nothing listens before `start()`.
  public init(configuration: ServerConfiguration, router: Router) {
    self.configuration = configuration
    self.core = ServerCore(router: router, configuration: configuration)
  }

  /// A server dropped while running stops at once (deferred requests get 503).
  deinit {
    stop(timeout: .zero)
  }

  /// Requests started and not yet completed (including deferred ones).
  public var inFlightCount: Int { core.inFlight }

  /// Binds and starts serving; returns the bound port (the real one when port 0 was asked).
  public func start() throws -> Int {
    try validate()
    let (address, isIPv6) = try socketAddress()
    return try lifecycle.withLock { lifecycle in
      guard case .idle = lifecycle else {
        throw ServerError(.alreadyStarted, "The server was already started.")
      }
      let context = Unmanaged.passRetained(core).toOpaque()
      var flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
      #if os(Linux)
        flags |= MHD_USE_EPOLL.rawValue
      #else
        flags |= MHD_USE_AUTO.rawValue
      #endif
      if isIPv6 { flags |= MHD_USE_IPv6.rawValue }
      var tlsStrings: [UnsafeMutablePointer<CChar>] = []
      if let tls = configuration.tls {
        // MHD_FEATURE_TLS (2) is not imported by name: MHD_FEATURE_SSL shares its value.
        guard let feature = MHD_FEATURE(rawValue: 2), MHD_is_feature_supported(feature) == .YES,
          let key = strdup(tls.keyPEM), let certificate = strdup(tls.certificatePEM)
        else {
          throw ServerError(.startFailed, "This libmicrohttpd build cannot serve TLS.")
        }
        tlsStrings = [key, certificate]
        flags |= MHD_USE_TLS.rawValue
      }
      let completed: MHD_RequestCompletedCallback = serverRequestCompleted
      let daemon = address.withUnsafeBytes { addressBytes -> OpaquePointer? in
        var options: [MHD_OptionItem] = [
          MHD_OptionItem(
            option: .CONNECTION_LIMIT, value: configuration.connectionLimit, ptr_value: nil),
          MHD_OptionItem(
            option: .CONNECTION_TIMEOUT, value: configuration.connectionTimeoutSeconds,
            ptr_value: nil),
          MHD_OptionItem(
            option: .NOTIFY_COMPLETED, value: unsafeBitCast(completed, to: Int.self),
            ptr_value: context),
          MHD_OptionItem(
            option: .SOCK_ADDR, value: 0,
            ptr_value: UnsafeMutableRawPointer(mutating: addressBytes.baseAddress)),
        ]
        if tlsStrings.count == 2 {
          options.append(
            MHD_OptionItem(option: .HTTPS_MEM_KEY, value: 0, ptr_value: tlsStrings[0]))
          options.append(
            MHD_OptionItem(option: .HTTPS_MEM_CERT, value: 0, ptr_value: tlsStrings[1]))
        }
        if configuration.threadCount > 1 {
          options.append(
            MHD_OptionItem(
              option: .THREAD_POOL_SIZE, value: configuration.threadCount, ptr_value: nil))
        }
        options.append(MHD_OptionItem(option: .END, value: 0, ptr_value: nil))
        return options.withUnsafeMutableBufferPointer { items in
          tw_mhd_start_daemon_with_options(
            flags, UInt16(configuration.port), nil, nil, serverAccessHandler, context,
            items.baseAddress)
        }
      }
      guard let daemon else {
        Unmanaged<ServerCore>.fromOpaque(context).release()
        for string in tlsStrings { free(string) }
        throw ServerError(
          .startFailed,
          "libmicrohttpd could not start on \(configuration.host):\(configuration.port).")
      }
      lifecycle = .running(Daemon(pointer: daemon, context: context, tlsStrings: tlsStrings))
      return Int(tw_mhd_bound_port(daemon))
    }
  }

  /// Stops accepting (MHD_quiesce_daemon), waits (up to `timeout`) for in-flight requests to be answered
  /// (including deferred ones), then MHD_stop_daemon. Safe to call twice.
  ///
  /// New connections are refused from the start (the listening socket is shut down); responses sent
  /// while stopping carry `Connection: close`, and a new request on an already open keep-alive
  /// connection is answered 503. Requests still waiting for a deferred `send` after `timeout` are
  /// answered 503 (libmicrohttpd must not be stopped with suspended connections), given up to a second
  /// to go out, and then the daemon stops. A second call, or a call on a server never started, returns
  /// at once. Must not be called from a handler (it waits for the server's own threads).
  public func stop(timeout: Duration = .seconds(20)) {
    let taken: Daemon? = lifecycle.withLock { lifecycle in
      guard case .running(let daemon) = lifecycle else { return nil }
      lifecycle = .stopping
      return daemon
    }
    guard let daemon = taken else { return }
    core.beginStopping()
    let listener = MHD_quiesce_daemon(daemon.pointer)
    if listener >= 0 {
      // Refuses new connections now; the descriptor is closed only after MHD_stop_daemon.
      _ = shutdown(listener, Int32(SHUT_RDWR))
    }
    let clock = ContinuousClock()
    if !waitForIdle(until: clock.now.advanced(by: timeout)) {
      core.answerDeferred()
      _ = waitForIdle(until: clock.now.advanced(by: .seconds(1)))
    }
    MHD_stop_daemon(daemon.pointer)
    if listener >= 0 { _ = close(listener) }
    core.finishDeferred()
    Unmanaged<ServerCore>.fromOpaque(daemon.context).release()
    for string in daemon.tlsStrings { free(string) }
    lifecycle.withLock { $0 = .stopped }
  }

  /// Polls until no request is in flight or `deadline` passes; true when idle.
  private func waitForIdle(until deadline: ContinuousClock.Instant) -> Bool {
    let clock = ContinuousClock()
    while core.inFlight > 0 {
      if clock.now >= deadline { return false }
      usleep(2_000)
    }
    return true
  }

  /// Rejects configurations libmicrohttpd would misread.
  private func validate() throws {
    let valid =
      (0...65_535).contains(configuration.port) && configuration.maxBodyBytes >= 0
      && (0...86_400).contains(configuration.connectionTimeoutSeconds)
      && (1...1_000_000).contains(configuration.connectionLimit)
      && (1...256).contains(configuration.threadCount)
    guard valid else {
      throw ServerError(.invalidConfiguration, "The server configuration has a value out of range.")
    }
  }

  /// The `sockaddr_in` or `sockaddr_in6` bytes for `host` and `port`.
  private func socketAddress() throws -> (bytes: [UInt8], isIPv6: Bool) {
    let port = UInt16(configuration.port).bigEndian
    var v4 = sockaddr_in()
    if inet_pton(AF_INET, configuration.host, &v4.sin_addr) == 1 {
      v4.sin_family = sa_family_t(AF_INET)
      v4.sin_port = port
      return (withUnsafeBytes(of: v4) { Array($0) }, false)
    }
    var v6 = sockaddr_in6()
    if inet_pton(AF_INET6, configuration.host, &v6.sin6_addr) == 1 {
      v6.sin6_family = sa_family_t(AF_INET6)
      v6.sin6_port = port
      return (withUnsafeBytes(of: v6) { Array($0) }, true)
    }
    throw ServerError(.invalidHost, "The host \(configuration.host) is not a numeric IP address.")
  }
}
