// bench-router-server: `GET /healthz` served through HTTPServer's Router and Server, to compare with
// bench-bare-server. Usage: bench-router-server [--port N]   (prints `listening <port>`, stops on
// SIGTERM or SIGINT)
import Glibc
import HTTPServer

/// The port asked for on the command line; 0 = ephemeral.
var requestedPort = 0
/// The arguments still to parse.
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  guard argument == "--port", let value = arguments.popFirst(), let port = UInt16(value) else {
    exitWithMessage("usage: bench-router-server [--port N]", code: 2)
  }
  requestedPort = Int(port)
}

// Block the stop signals before any thread exists, so every thread inherits the mask and sigwait gets them.
/// SIGINT and SIGTERM, blocked in every thread and awaited with sigwait.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

/// The server under test.
let server = Server(
  configuration: ServerConfiguration(port: requestedPort), router: benchmarkRouter())
do {
  print("listening \(try server.start())")
  fflush(nil)
} catch {
  exitWithMessage("bench-router-server: \(error)", code: 1)
}
/// The signal that ended the wait.
var received: Int32 = 0
sigwait(&stopSignals, &received)
server.stop(timeout: .seconds(5))
