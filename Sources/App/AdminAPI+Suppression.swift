import Domain

extension AdminAPI {
  /// Asked before a human-confirmed add: true when the person is on the suppression list (erased or
  /// objected) and must not be added again. The compliance work supplies the real check.
  typealias SuppressionCheck = @Sendable (PersonReference) async throws -> Bool

  /// The default check: nobody is suppressed.
  static let nothingSuppressed: SuppressionCheck = { _ in false }
}
