// bench-router-server: `GET /healthz` served through HTTPServer's Router and Server, to compare with
// bench-bare-server; with `--ingest verified|deferred|durable|durable-parallel`, `POST /webhooks/{source}` runs a stage of the
// ingest path without the database (see IngestStage.swift).
// Usage: bench-router-server [--port N] [--ingest verified|deferred|durable|durable-parallel]   (prints `listening <port>`, stops
// on SIGTERM or SIGINT)
import Glibc
import HTTPServer

/// The port asked for on the command line; 0 = ephemeral.
var requestedPort = 0
/// The ingest stage asked for, if any.
var ingestStage: IngestStage?
/// The arguments still to parse.
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  switch (argument, arguments.popFirst()) {
  case ("--port", let value?) where UInt16(value) != nil:
    requestedPort = Int(UInt16(value) ?? 0)
  case ("--ingest", let value?) where IngestStage(rawValue: value) != nil:
    ingestStage = IngestStage(rawValue: value)
  default:
    exitWithMessage(
      "usage: bench-router-server [--port N] [--ingest verified|deferred|durable|durable-parallel]",
      code: 2)
  }
}

// Block the stop signals before any thread exists, so every thread inherits the mask and sigwait gets them.
/// SIGINT and SIGTERM, blocked in every thread and awaited with sigwait.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGINT)
sigaddset(&stopSignals, SIGTERM)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

/// The routes: the healthz table, or the ingest stage's webhook route.
var router = benchmarkRouter()
if let ingestStage {
  router = Router()
  do { try ingestStage.register(in: &router) } catch {
    exitWithMessage("bench-router-server: \(error)", code: 1)
  }
}
/// The server under test: two worker threads like the bare server, or for an ingest stage the four of
/// `talentwatch serve`'s default configuration.
let server = Server(
  configuration: ServerConfiguration(port: requestedPort, threadCount: ingestStage == nil ? 2 : 4),
  router: router)
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
