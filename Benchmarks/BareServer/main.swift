// bench-bare-server: the baseline the HTTPServer module is measured against. A bare libmicrohttpd
// daemon with the server's flags (internal polling thread + epoll, thread pool of 2, suspend/resume
// allowed) that reads any body and answers 200 with one fixed, preallocated response.
// Usage: bench-bare-server [--port N]   (prints `listening <port>`, runs until SIGTERM or SIGINT)
import CMicroHTTPD
import Glibc

/// The port asked for on the command line; 0 = ephemeral.
var requestedPort: UInt16 = 0
/// The arguments still to parse.
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  guard argument == "--port", let value = arguments.popFirst(), let port = UInt16(value) else {
    exitWithMessage("usage: bench-bare-server [--port N]", code: 2)
  }
  requestedPort = port
}

// Block the stop signals before any thread exists, so every thread inherits the mask and sigwait gets them.
/// SIGINT and SIGTERM, blocked in every thread and awaited with sigwait.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

guard let bare = BareDaemon.start(port: requestedPort) else {
  exitWithMessage("bench-bare-server: libmicrohttpd could not start", code: 1)
}
print("listening \(bare.port)")
fflush(nil)
/// The signal that ended the wait.
var received: Int32 = 0
sigwait(&stopSignals, &received)
bare.stop()
