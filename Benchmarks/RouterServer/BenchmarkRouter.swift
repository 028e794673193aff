import Glibc
import HTTPServer

/// The benchmark's routes: `/healthz` answering the same JSON as the bare server, plus a few neighbours
/// so the lookup is not a one-entry table.
func benchmarkRouter() -> Router {
  var router = Router()
  let healthy: [UInt8] = Array(#"{"status":"ok"}"#.utf8)
  router.get("/healthz") { _ in .json(status: 200, healthy) }
  router.get("/metrics") { _ in .text(status: 200, "") }
  router.post("/webhooks/{source}") { _ in .json(status: 202, healthy) }
  router.get("/candidates/{id}") { _ in .json(status: 200, healthy) }
  return router
}

/// Writes `message` and a newline to standard error and exits with `code`.
func exitWithMessage(_ message: String, code: Int32) -> Never {
  let line = Array((message + "\n").utf8)
  _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
  exit(code)
}
