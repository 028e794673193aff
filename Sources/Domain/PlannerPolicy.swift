/// The refresh rules the planner applies: tier windows, staleness limits, cost and guards.
///
/// Encodes with snake_case keys; decoding fills every missing key with its default and rejects
/// out-of-range values with `PlannerError.invalidPolicy`.
public struct PlannerPolicy: Sendable, Hashable, Codable {
  /// Days of pipeline activity that make a candidate active (issue default 14).
  public var activeDays: Int
  /// Days after which an active candidate's record is due on a timer; nil = never on a timer (default 7).
  public var activeMaxStalenessDays: Int?
  /// Days after which a pipeline candidate's record is due on a timer; nil = never (default 30).
  public var pipelineMaxStalenessDays: Int?
  /// Days after which a dormant candidate's record is due on a timer; nil = never (default nil).
  public var dormantMaxStalenessDays: Int?
  /// Credits one refresh costs (default 1: Crustdata's `/person/enrich` base profile).
  public var creditsPerRefresh: Int
  /// Whether a notification-only signal (no data) refreshes a dormant candidate (default false: kept).
  public var notificationOnlyRefreshesDormant: Bool
  /// Never refresh a record whose retention purge is due within this many days (default 7).
  public var retentionGuardDays: Int
  /// Whether signals newer than the record make it due (false models a blind timer).
  public var refreshOnSignals: Bool

  /// Creates a policy; every argument defaults to the value.
  public init(
    activeDays: Int = 14, activeMaxStalenessDays: Int? = 7, pipelineMaxStalenessDays: Int? = 30,
    dormantMaxStalenessDays: Int? = nil, creditsPerRefresh: Int = 1,
    notificationOnlyRefreshesDormant: Bool = false, retentionGuardDays: Int = 7,
    refreshOnSignals: Bool = true
  ) {
    self.activeDays = activeDays
    self.activeMaxStalenessDays = activeMaxStalenessDays
    self.pipelineMaxStalenessDays = pipelineMaxStalenessDays
    self.dormantMaxStalenessDays = dormantMaxStalenessDays
    self.creditsPerRefresh = creditsPerRefresh
    self.notificationOnlyRefreshesDormant = notificationOnlyRefreshesDormant
    self.retentionGuardDays = retentionGuardDays
    self.refreshOnSignals = refreshOnSignals
  }

  /// The delta planner: the defaults.
  public static let delta = PlannerPolicy()

  /// The blind timer the delta planner is measured against: everyone every 30 days, signals ignored.
  public static let blindTimer = PlannerPolicy(
    activeMaxStalenessDays: 30, pipelineMaxStalenessDays: 30, dormantMaxStalenessDays: 30,
    refreshOnSignals: false)

  /// Signal-only: refresh on every signal (notification-only ones too), never on a timer.
  public static let signalOnly = PlannerPolicy(
    activeMaxStalenessDays: nil, pipelineMaxStalenessDays: nil, dormantMaxStalenessDays: nil,
    notificationOnlyRefreshesDormant: true)

  /// The timer limit for `tier` in days, or nil when the tier is never refreshed on a timer.
  public func maxStalenessDays(for tier: RefreshTier) -> Int? {
    switch tier {
    case .active: activeMaxStalenessDays
    case .pipeline: pipelineMaxStalenessDays
    case .dormant: dormantMaxStalenessDays
    }
  }

  /// Throws `PlannerError.invalidPolicy` naming the first setting out of range.
  public func validate() throws(PlannerError) {
    let days: [(CodingKeys, Int?)] = [
      (.activeDays, activeDays), (.activeMaxStalenessDays, activeMaxStalenessDays),
      (.pipelineMaxStalenessDays, pipelineMaxStalenessDays),
      (.dormantMaxStalenessDays, dormantMaxStalenessDays),
      (.retentionGuardDays, retentionGuardDays),
    ]
    for (key, value) in days {
      if let value, !(0...36_500).contains(value) {
        throw .invalidPolicy(field: key.stringValue, reason: "must be between 0 and 36500 days")
      }
    }
    if !(1...1_000).contains(creditsPerRefresh) {
      throw .invalidPolicy(
        field: CodingKeys.creditsPerRefresh.stringValue,
        reason: "must be between 1 and 1000 credits")
    }
  }

  /// Configuration keys.
  private enum CodingKeys: String, CodingKey {
    case activeDays = "active_days"
    case activeMaxStalenessDays = "active_max_staleness_days"
    case pipelineMaxStalenessDays = "pipeline_max_staleness_days"
    case dormantMaxStalenessDays = "dormant_max_staleness_days"
    case creditsPerRefresh = "credits_per_refresh"
    case notificationOnlyRefreshesDormant = "notification_only_refreshes_dormant"
    case retentionGuardDays = "retention_guard_days"
    case refreshOnSignals = "refresh_on_signals"
  }

  /// Decodes a policy, taking the default for every missing key and validating the result.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = PlannerPolicy()
    func optionalDays(_ key: CodingKeys, _ fallback: Int?) throws -> Int? {
      container.contains(key) ? try container.decodeIfPresent(Int.self, forKey: key) : fallback
    }
    self.init(
      activeDays: try container.decodeIfPresent(Int.self, forKey: .activeDays)
        ?? defaults.activeDays,
      activeMaxStalenessDays: try optionalDays(
        .activeMaxStalenessDays, defaults.activeMaxStalenessDays),
      pipelineMaxStalenessDays: try optionalDays(
        .pipelineMaxStalenessDays, defaults.pipelineMaxStalenessDays),
      dormantMaxStalenessDays: try optionalDays(
        .dormantMaxStalenessDays, defaults.dormantMaxStalenessDays),
      creditsPerRefresh: try container.decodeIfPresent(Int.self, forKey: .creditsPerRefresh)
        ?? defaults.creditsPerRefresh,
      notificationOnlyRefreshesDormant: try container.decodeIfPresent(
        Bool.self, forKey: .notificationOnlyRefreshesDormant)
        ?? defaults.notificationOnlyRefreshesDormant,
      retentionGuardDays: try container.decodeIfPresent(Int.self, forKey: .retentionGuardDays)
        ?? defaults.retentionGuardDays,
      refreshOnSignals: try container.decodeIfPresent(Bool.self, forKey: .refreshOnSignals)
        ?? defaults.refreshOnSignals)
    try validate()
  }

  /// Encodes every setting; a tier without a timer encodes its limit as `null`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(activeDays, forKey: .activeDays)
    try container.encode(activeMaxStalenessDays, forKey: .activeMaxStalenessDays)
    try container.encode(pipelineMaxStalenessDays, forKey: .pipelineMaxStalenessDays)
    try container.encode(dormantMaxStalenessDays, forKey: .dormantMaxStalenessDays)
    try container.encode(creditsPerRefresh, forKey: .creditsPerRefresh)
    try container.encode(
      notificationOnlyRefreshesDormant, forKey: .notificationOnlyRefreshesDormant)
    try container.encode(retentionGuardDays, forKey: .retentionGuardDays)
    try container.encode(refreshOnSignals, forKey: .refreshOnSignals)
  }
}
