import HTTPServer

/// `GET /healthz` (the process answers) and `GET /readyz` (it should receive traffic).
struct HealthRoutes: Sendable {
  let readiness: Readiness

  /// Adds both routes to `router`.
  func register(in router: inout Router) {
    router.get("/healthz") { _ in Response.json(status: 200, Self.ok) }
    let readiness = readiness
    router.get("/readyz") { _ in
      if let reason = readiness.notReadyReason() {
        return .error(status: 503, code: "not_ready", message: "Not ready: \(reason).")
      }
      return Response.json(status: 200, Self.ready)
    }
  }

  private static let ok = Array(#"{"status":"ok"}"#.utf8)
  private static let ready = Array(#"{"status":"ready"}"#.utf8)
}
