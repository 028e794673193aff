import Foundation
import HTTPServer

/// Runs blocking socket work on its own thread, so tests never tie up the cooperative pool that the
/// server's async handlers need.
func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread { continuation.resume(with: Result { try work() }) }
    thread.stackSize = 1 << 20
    thread.start()
  }
}

/// Runs `body` against a started server on an ephemeral loopback port and stops it afterwards.
func withServer<T: Sendable>(
  _ router: Router, configuration: ServerConfiguration = ServerConfiguration(port: 0),
  _ body: (_ server: Server, _ port: Int) async throws -> T
) async throws -> T {
  let server = Server(configuration: configuration, router: router)
  let port = try server.start()
  do {
    let result = try await body(server, port)
    try await blocking { server.stop(timeout: .seconds(2)) }
    return result
  } catch {
    try await blocking { server.stop(timeout: .seconds(2)) }
    throw error
  }
}

/// A thread-safe collection of values gathered by test threads.
final class ServerTestCollector<Value: Sendable>: @unchecked Sendable {
  // `lock` serializes every access to `values`.
  private let lock = NSLock()
  private var values: [Value] = []

  /// Adds one value.
  func append(_ value: Value) {
    lock.withLock { values.append(value) }
  }

  /// Everything gathered so far.
  var all: [Value] { lock.withLock { values } }
}

/// Runs `work` on `count` separate threads at once and waits for all of them.
func runOnThreads(_ count: Int, _ work: @escaping @Sendable (Int) -> Void) {
  let group = DispatchGroup()
  for index in 0..<count {
    group.enter()
    let thread = Thread {
      work(index)
      group.leave()
    }
    thread.stackSize = 256 * 1024
    thread.start()
  }
  group.wait()
}

/// Polls `condition` every 5 ms for up to `seconds`; true once it holds.
func eventually(within seconds: Double = 5, _ condition: @Sendable () -> Bool) async -> Bool {
  let deadline = Date().addingTimeInterval(seconds)
  while Date() < deadline {
    if condition() { return true }
    try? await Task.sleep(for: .milliseconds(5))
  }
  return condition()
}

/// Opens a connection and sends one GET, returning the open client; for requests answered later.
func startRequest(port: Int, _ path: String, headers: String = "") throws -> ServerTestClient {
  let client = try ServerTestClient(port: port)
  try client.send("GET \(path) HTTP/1.1\r\nHost: x\r\n\(headers)\r\n")
  return client
}

/// True when connecting to `port` is refused.
func connectionRefused(port: Int) -> Bool {
  do {
    _ = try ServerTestClient(port: port)
    return false
  } catch {
    return error as? ServerTestClientError == .connect(ECONNREFUSED)
  }
}

/// Sends one request on a fresh connection and reads the response.
func fetch(
  port: Int, _ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8] = []
) async throws -> ServerTestResponse {
  try await blocking {
    try ServerTestClient(port: port).request(method, path, headers: headers, body: body)
  }
}
