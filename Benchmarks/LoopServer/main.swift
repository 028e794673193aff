// bench-loop-server: an experiment for the ingest path's design, not the product. `POST` deliveries are
// verified and group-committed into the real SQLite inbox (`InboxStore.append`, synchronous=FULL) by
// event loops that each own a libmicrohttpd daemon in external-polling mode and commit on their own
// thread (see IngestLoop.swift), instead of the server's thread pool handing requests to a writer thread.
// Usage: bench-loop-server --port N --db PATH [--loops K]   (prints `listening <port>`; stop with SIGTERM)
import Foundation
import Glibc
import Signing
import Storage

var port: UInt16 = 0
var path = ""
var loops = 1
var pipelined = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  switch (argument, arguments.popFirst()) {
  case ("--port", let value?) where UInt16(value) != nil: port = UInt16(value) ?? 0
  case ("--db", let value?): path = value
  case ("--loops", let value?) where Int(value) != nil: loops = max(1, Int(value) ?? 1)
  case ("--pipelined", let value?): pipelined = value == "yes"
  default:
    FileHandle.standardError.write(
      Data("usage: bench-loop-server --port N --db PATH [--loops K]\n".utf8))
    exit(2)
  }
}

/// A listening socket on 127.0.0.1:`port` that other loops can bind too (SO_REUSEPORT).
func listener(port: UInt16) -> Int32 {
  let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  var one: Int32 = 1
  setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
  setsockopt(socket, SOL_SOCKET, SO_REUSEPORT, &one, socklen_t(MemoryLayout<Int32>.size))
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = port.bigEndian
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  let bound = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  guard bound == 0, listen(socket, 1024) == 0 else { exit(1) }
  _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
  return socket
}

do {
  let database = try Database(path: path, readerCount: 1)
  _ = try database.writeSync { try Migrator(Schema.migrations).migrate($0) }
  let verifier = WebhookVerifier(
    scheme: .standardWebhooks,
    secrets: [
      try WebhookSecret(scheme: .standardWebhooks, text: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    ])
  var running: [IngestLoop] = []
  for _ in 0..<loops {
    let loop = IngestLoop(database: database, verifier: verifier, pipelined: pipelined)
    guard loop.start(listener: listener(port: port)) else { exit(1) }
    running.append(loop)
  }
  print("listening \(port)")
  fflush(nil)
  while true { sleep(3600) }
} catch {
  FileHandle.standardError.write(Data("bench-loop-server: \(error)\n".utf8))
  exit(1)
}
