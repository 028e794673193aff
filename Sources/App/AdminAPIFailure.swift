import HTTPServer

/// An admin API error answer: status, code and a human sentence (the `{"error","message"}` shape).
struct AdminAPIFailure: Error, Sendable, Hashable {
  /// The HTTP status.
  let status: Int
  /// The machine code (`not_found`, `conflict`, `invalid_body`, ...).
  let code: String
  /// A sentence without personal data.
  let message: String

  /// The JSON error response.
  var response: Response { .error(status: status, code: code, message: message) }

  /// 404 for a missing resource.
  static func notFound(_ noun: String) -> AdminAPIFailure {
    AdminAPIFailure(status: 404, code: "not_found", message: "No such \(noun).")
  }

  /// 422 naming the invalid field.
  static func invalid(_ field: String, _ problem: String) -> AdminAPIFailure {
    AdminAPIFailure(status: 422, code: "invalid_field", message: "\(field): \(problem)")
  }

  /// 409 for a conflict.
  static func conflict(_ message: String) -> AdminAPIFailure {
    AdminAPIFailure(status: 409, code: "conflict", message: message)
  }
}
