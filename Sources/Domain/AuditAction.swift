/// What an audit entry records; the raw value is stored. A struct, so areas can add actions without an
/// enum change (`AuditAction("vacancy.closed")`), with the required ones spelled out here.
public struct AuditAction: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
  /// The stored name, dotted (`candidate.erased`).
  public let rawValue: String

  /// An action named `rawValue`.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// An action named `name`.
  public init(_ name: String) { self.rawValue = name }

  /// The stored name.
  public var description: String { rawValue }

  /// A recruiter confirmed a candidate (into the database or a pipeline).
  public static let confirmation = AuditAction("candidate.confirmed")
  /// A recruiter recorded that the candidate was contacted (which starts the contacted retention rules).
  public static let contacted = AuditAction("candidate.contacted")
  /// A human changed a pipeline stage.
  public static let stageChange = AuditAction("pipeline.stage_changed")
  /// The matcher wrote an advisory score.
  public static let scoreWritten = AuditAction("score.written")
  /// A candidate was refreshed from the provider.
  public static let refresh = AuditAction("candidate.refreshed")
  /// A notification about a candidate was sent.
  public static let notification = AuditAction("notification.sent")
  /// The retention job purged a candidate.
  public static let purge = AuditAction("candidate.purged")
  /// Contact data was deleted on its own retention clock.
  public static let contactDataDeleted = AuditAction("contact_data.deleted")
  /// A candidate was erased on request (and suppressed).
  public static let erasure = AuditAction("candidate.erased")
  /// A candidate's data was exported.
  public static let export = AuditAction("candidate.exported")
  /// A candidate's explanation was produced.
  public static let explanation = AuditAction("candidate.explained")
  /// Stored deliveries were replayed.
  public static let replay = AuditAction("inbox.replayed")
  /// The retention configuration changed (or was first seen).
  public static let retentionConfigChange = AuditAction("config.retention_changed")
  /// A suppressed person was added anyway, with the caller's reason.
  public static let suppressionOverride = AuditAction("suppression.overridden")
  /// Old entries were pruned; records the pruned head so the chain stays verifiable.
  public static let anchor = AuditAction("audit.anchor")
}
