import Domain
import Foundation
import Storage

/// The suppression check for a human-confirmed add (`POST /api/v1/candidates`): an erased person is
/// refused unless the caller gives an explicit override reason, which is audited.
///
/// Call `check` inside the add's write transaction, before the insert.
struct ComplianceSuppressionCheck: Sendable {
  /// Keyed hashes with the configured pepper.
  let pseudonymizer: Pseudonymizer

  /// The add was refused: the person asked to be erased.
  struct Refused: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why, for the API's error message (no identifiers).
    var description: String {
      "this person was erased at their request and is on the suppression list; "
        + "adding them again needs an explicit override reason"
    }
  }

  /// Passes when `reference` is not suppressed; when it is, throws `Refused` unless `overrideReason` is a
  /// non-blank text, in which case it appends a `suppression.overridden` audit entry by `actor` and passes.
  func check(
    _ reference: PersonReference, overrideReason: String?, actor: String, now: Date,
    in connection: Connection
  ) throws {
    guard try SuppressionStore.contains(pseudonymizer.identityHashes(reference), in: connection)
    else {
      return
    }
    let reason = overrideReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    guard !reason.isEmpty else { throw Refused() }
    let identity = pseudonymizer.identityHashes(reference)
    try AuditLogStore.append(
      AuditEvent(
        at: now, actor: actor, action: .suppressionOverride,
        subjectKey: identity.providerIDHash ?? identity.profileURLHash,
        details: ["reason": reason]),
      in: connection)
  }

  /// This check as the admin API asks it (`AdminAPI.SuppressionCheck`): true when the add is refused.
  func adminCheck(clock: any Clock) -> AdminAPI.SuppressionCheck {
    let check = self
    return { reference, overrideReason, actor, connection in
      do {
        try check.check(
          reference, overrideReason: overrideReason, actor: actor, now: clock.now(), in: connection)
        return false
      } catch is Refused {
        return true
      }
    }
  }
}
