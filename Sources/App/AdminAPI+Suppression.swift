import Domain
import Storage

extension AdminAPI {
  /// Asked during a human-confirmed add, inside the caller's transaction: true when the person is on
  /// the suppression list (erased or objected) and must not be added again; with an override reason it
  /// records the audited override and answers false. The compliance work supplies the real check.
  typealias SuppressionCheck =
    @Sendable (PersonReference, _ overrideReason: String?, _ actor: String, Connection) throws
    -> Bool

  /// The default check: nobody is suppressed.
  static let nothingSuppressed: SuppressionCheck = { _, _, _, _ in false }
}
