/// One candidate as a full rescoring reads them: the cached feature snapshot when it still matches the
/// profile and basis, else the profile JSON to build features from, and the current scores.
public struct MatchingCandidate: Sendable, Hashable {
  /// The candidate id.
  public var id: Int64
  /// The cached snapshot's id and bytes, when valid.
  public var snapshot: (id: Int64, features: [UInt8])? {
    get { snapshotID.map { ($0, snapshotFeatures) } }
    set {
      snapshotID = newValue?.id
      snapshotFeatures = newValue?.features ?? []
    }
  }
  /// The profile JSON, read only when there is no valid snapshot.
  public var profile: String?
  /// The current scores.
  public var current: CurrentScores
  private var snapshotID: Int64?
  private var snapshotFeatures: [UInt8] = []

  /// Creates a candidate's scoring input.
  public init(
    id: Int64, snapshot: (id: Int64, features: [UInt8])?, profile: String?, current: CurrentScores
  ) {
    self.id = id
    self.profile = profile
    self.current = current
    self.snapshot = snapshot
  }
}
