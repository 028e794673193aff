public import Foundation

/// The latest notification under a digest key, as the outbox sees it when a new draft arrives.
public struct NotificationDigest: Sendable, Hashable {
  /// Its id.
  public var id: String
  /// Its kind (a digest carries the most significant kind it holds).
  public var kind: NotificationKind
  /// When it is (or was) due to be sent.
  public var sendAt: Date
  /// Whether delivery has started (an attempt was made or the feed-only notification is due).
  public var isSent: Bool

  /// Creates a digest state.
  public init(id: String, kind: NotificationKind, sendAt: Date, isSent: Bool) {
    self.id = id
    self.kind = kind
    self.sendAt = sendAt
    self.isSent = isSent
  }

  /// What to do with a new draft under the same key.
  public enum Decision: Sendable, Hashable {
    /// Make a new notification, due at `sendAt`.
    case create(sendAt: Date)
    /// Fold the draft into the unsent notification `id`, whose kind becomes `kind`.
    case merge(id: String, kind: NotificationKind)
  }

  /// Coalescing: the first change is sent at once; further changes within `window` of that send wait in
  /// one digest that is sent when the window ends; changes arriving while a digest waits join it.
  /// So a key yields at most one notification per window.
  ///
  /// | latest under the key                 | decision                                       |
  /// |--------------------------------------|------------------------------------------------|
  /// | none                                 | create, due now                                |
  /// | unsent                               | merge into it                                  |
  /// | sent at T, now ≥ T + window          | create, due now                                |
  /// | sent at T, now < T + window          | create, due at T + window (a held digest)      |
  public static func decide(
    kind: NotificationKind, now: Date, window: TimeInterval, latest: NotificationDigest?
  ) -> Decision {
    guard let latest else { return .create(sendAt: now) }
    if !latest.isSent {
      let merged = kind.significance > latest.kind.significance ? kind : latest.kind
      return .merge(id: latest.id, kind: merged)
    }
    return .create(sendAt: max(now, latest.sendAt.addingTimeInterval(window)))
  }
}
