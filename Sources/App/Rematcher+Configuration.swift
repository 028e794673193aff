public import Domain
import Foundation

extension Rematcher {
  /// The re-matcher as `serve` runs it: synonym tables from `matching.synonyms_dir`, thresholds from the
  /// configuration, match events into the notifier's outbox (calling `onNotification` after enqueueing)
  /// and one audit entry per candidate and run.
  public static func configured(
    _ configuration: Configuration, clock: any Clock,
    onNotification: @escaping @Sendable () -> Void = {}
  ) throws -> Rematcher {
    var rematcher = Rematcher(
      synonyms: try MatchingSynonyms(directory: configuration.matching.synonymsDirectory),
      thresholds: configuration.matching.thresholds, clock: clock,
      sink: MatchNotifications(
        policy: NotificationPolicy(
          digestWindow: Double(configuration.notifications.digestWindowSeconds)),
        clock: clock, onEnqueued: onNotification
      ).sink)
    rematcher.audit = AuditTrail(configuration: configuration)
    return rematcher
  }
}
