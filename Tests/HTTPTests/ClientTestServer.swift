import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A real HTTP server on 127.0.0.1 for the client tests: a Python `ThreadingHTTPServer` child process.
///
/// Routes: `/echo` (method, path, headers and base64 body back as JSON), `/status/{code}`, `/slow?ms=`,
/// `/retry-after?key=&n=&after=&code=` (answers `code` with `Retry-After: after` n times, then 200),
/// `/redirect?to=`, `/redirect-loop`, `/bytes?n=`, `/multi-header`, `/garbage` (no status line), and `/stats` (TCP connections accepted
/// and requests per path). The process dies when the test ends, and also when its stdin closes.
final class ClientTestServer: Sendable {
  /// The port the server listens on.
  let port: Int
  /// The self-signed certificate (for 127.0.0.1) the server presents when started with TLS.
  let certificatePath: String?
  private let process: Process
  private let stdin: Pipe
  private let directory: URL

  /// The base URL, `http://127.0.0.1:<port>` (`https` with TLS).
  var base: String { "\(certificatePath == nil ? "http" : "https")://127.0.0.1:\(port)" }

  /// Starts a fresh server with its own state; with `tls`, behind a new self-signed certificate.
  init(tls: Bool = false) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("tw-client-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let script = directory.appendingPathComponent("server.py")
    try Data(Self.script.utf8).write(to: script)
    process = Process()
    process.executableURL = URL(fileURLWithPath: Self.python.path)
    process.arguments = Self.python.arguments + [script.path]
    if tls {
      let certificate = directory.appendingPathComponent("cert.pem").path
      let key = directory.appendingPathComponent("key.pem").path
      try Self.makeCertificate(certificate: certificate, key: key)
      process.arguments? += [certificate, key]
      certificatePath = certificate
    } else {
      certificatePath = nil
    }
    let stdout = Pipe()
    stdin = Pipe()
    process.standardOutput = stdout
    process.standardInput = stdin
    // Broken pipes after client-side timeouts are expected; keep them out of the test log.
    process.standardError = FileHandle.nullDevice
    try process.run()
    let line = Self.readLine(stdout.fileHandleForReading)
    guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
      process.terminate()
      throw ClientTestServerError.didNotStart(line)
    }
    self.port = port
  }

  /// Stops the process and removes its directory.
  func stop() {
    try? stdin.fileHandleForWriting.close()
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: directory)
  }

  /// Runs `body` with a fresh server and stops it afterwards, also when `body` throws.
  ///
  /// Starting and stopping block on the child process, so they run on a thread of their own: blocking
  /// the few cooperative threads would stall other tests' continuations and distort their timings.
  @discardableResult
  static func with<T>(tls: Bool = false, _ body: (ClientTestServer) async throws -> T) async throws
    -> T
  {
    let server = try await ClientBlocking.run { try ClientTestServer(tls: tls) }
    do {
      let result = try await body(server)
      await ClientBlocking.run { server.stop() }
      return result
    } catch {
      await ClientBlocking.run { server.stop() }
      throw error
    }
  }

  /// A loopback port with nothing listening on it: bound to learn a free number, then closed.
  static func closedPort() throws -> Int {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socketFD >= 0 else { throw ClientTestServerError.noFreePort }
    defer { close(socketFD) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(socketFD, generic, length) == 0 && getsockname(socketFD, generic, &length) == 0
      }
    }
    guard bound else { throw ClientTestServerError.noFreePort }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// The Python 3 interpreter: the system one when present (a pyenv shim costs ~300 ms per start).
  static let python: (path: String, arguments: [String]) =
    FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    ? ("/usr/bin/python3", ["-I"]) : ("/usr/bin/env", ["python3", "-I"])

  /// Writes a one-day self-signed P-256 certificate for 127.0.0.1 with the `openssl` command.
  private static func makeCertificate(certificate: String, key: String) throws {
    let openssl = Process()
    openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    openssl.arguments = [
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1",
    ]
    openssl.standardOutput = FileHandle.nullDevice
    openssl.standardError = FileHandle.nullDevice
    try openssl.run()
    openssl.waitUntilExit()
    guard openssl.terminationStatus == 0 else { throw ClientTestServerError.noCertificate }
  }

  /// Reads bytes up to the first newline (the port the script prints).
  private static func readLine(_ handle: FileHandle) -> String {
    var bytes: [UInt8] = []
    while let chunk = try? handle.read(upToCount: 1), let byte = chunk.first, byte != 10 {
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static let script = #"""
    import base64, json, os, ssl, sys, threading, time
    from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
    from urllib.parse import urlsplit, parse_qs

    lock = threading.Lock()
    state = {"connections": 0, "requests": {}, "retry": {}}

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 128  # the default of 5 drops SYNs under 50 concurrent connects (1 s retransmit)
        def get_request(self):
            pair = super().get_request()
            with lock:
                state["connections"] += 1
            return pair

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out as two writes
        def log_message(self, *args):
            pass
        def reply(self, status, body=b"", headers=()):
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            if status in (204, 304):  # these carry no body and no length
                self.end_headers()
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        def handle_any(self):
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            with lock:
                state["requests"][url.path] = state["requests"].get(url.path, 0) + 1
            parts = url.path.strip("/").split("/")
            route = parts[0]
            if route == "echo":
                reply = {"method": self.command, "path": self.path,
                         "headers": [[k, v] for k, v in self.headers.items()],
                         "body": base64.b64encode(body).decode()}
                self.reply(200, json.dumps(reply).encode(), [("Content-Type", "application/json")])
            elif route == "status":
                code = int(parts[1])
                self.reply(code, ("status %d" % code).encode())
            elif route == "slow":
                time.sleep(int(query.get("ms", "1000")) / 1000)
                self.reply(200, b"slow")
            elif route == "retry-after":
                key = query.get("key", "default")
                with lock:
                    seen = state["retry"].get(key, 0)
                    state["retry"][key] = seen + 1
                if seen < int(query.get("n", "1")):
                    self.reply(int(query.get("code", "503")), b"later",
                               [("Retry-After", query.get("after", "1"))])
                else:
                    self.reply(200, ("ok after %d" % seen).encode())
            elif route == "redirect":
                self.reply(302, b"", [("Location", query.get("to", "/echo"))])
            elif route == "redirect-loop":
                self.reply(302, b"", [("Location", "/redirect-loop")])
            elif route == "bytes":
                self.reply(200, b"x" * int(query.get("n", "0")))
            elif route == "multi-header":
                self.reply(200, b"", [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("X-Folded", "one")])
            elif route == "garbage":  # no status line: not HTTP/1.x
                self.wfile.write(b"hello, not http\r\n")
                self.close_connection = True
            elif route == "stats":
                with lock:
                    reply = {"connections": state["connections"], "requests": state["requests"]}
                self.reply(200, json.dumps(reply).encode(), [("Content-Type", "application/json")])
            else:
                self.reply(404, b"no route")
        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any

    def exit_when_stdin_closes():
        sys.stdin.read()
        os._exit(0)

    server = Server(("127.0.0.1", 0), Handler)
    if len(sys.argv) == 3:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#
}

/// Why the test server could not be used.
enum ClientTestServerError: Error {
  /// The script printed something other than a port.
  case didNotStart(String)
  /// No ephemeral port could be bound.
  case noFreePort
  /// `openssl` could not make the test certificate.
  case noCertificate
}
