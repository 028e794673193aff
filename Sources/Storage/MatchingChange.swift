/// An unmatched change event: which candidate changed and how (`job_changed`, `open_to_work`, ...).
public struct MatchingChange: Sendable, Hashable {
  /// The change event's id.
  public var id: Int64
  /// The candidate that changed.
  public var candidateID: Int64
  /// The kind of change.
  public var kind: String

  /// Creates a change.
  public init(id: Int64, candidateID: Int64, kind: String) {
    self.id = id
    self.candidateID = candidateID
    self.kind = kind
  }

  /// Whether the candidate changed job.
  public var isJobChange: Bool { kind == "job_changed" }
  /// Whether the candidate opened to work.
  public var isOpenToWork: Bool { kind == "open_to_work" }
}
