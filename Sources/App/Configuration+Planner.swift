public import Domain

extension Configuration {
  /// The delta planner's rules and how often `serve` runs a refresh (`planner`).
  public struct Planner: Sendable, Equatable {
    /// The planner's rules (`active_days`, `*_max_staleness_days`, `credits_per_refresh`,
    /// `notification_only_refreshes_dormant`, `retention_guard_days`).
    public let policy: PlannerPolicy
    /// Minutes between refresh runs inside `serve` (`schedule_minutes`, default 60).
    public let scheduleMinutes: Int

    /// Creates planner settings.
    public init(policy: PlannerPolicy = .delta, scheduleMinutes: Int = 60) {
      self.policy = policy
      self.scheduleMinutes = scheduleMinutes
    }

    /// The settings used when the `planner` key is absent.
    public static let defaults = Planner()

    /// The keys a planner object may have.
    enum Key: String, CaseIterable {
      case activeDays = "active_days"
      case activeMaxStalenessDays = "active_max_staleness_days"
      case pipelineMaxStalenessDays = "pipeline_max_staleness_days"
      case dormantMaxStalenessDays = "dormant_max_staleness_days"
      case creditsPerRefresh = "credits_per_refresh"
      case notificationOnlyRefreshesDormant = "notification_only_refreshes_dormant"
      case retentionGuardDays = "retention_guard_days"
      case scheduleMinutes = "schedule_minutes"
    }

    /// Reads the `planner` object; an absent or null staleness limit keeps the default (dormant: never).
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      let base = PlannerPolicy.delta
      let days = 0...36_500
      let policy = PlannerPolicy(
        activeDays: try object.optional(.activeDays)?.integer(in: days) ?? base.activeDays,
        activeMaxStalenessDays: try object.optional(.activeMaxStalenessDays)?.integer(in: days)
          ?? base.activeMaxStalenessDays,
        pipelineMaxStalenessDays: try object.optional(.pipelineMaxStalenessDays)?.integer(in: days)
          ?? base.pipelineMaxStalenessDays,
        dormantMaxStalenessDays: try object.optional(.dormantMaxStalenessDays)?.integer(in: days)
          ?? base.dormantMaxStalenessDays,
        creditsPerRefresh: try object.optional(.creditsPerRefresh)?.integer(in: 1...1_000)
          ?? base.creditsPerRefresh,
        notificationOnlyRefreshesDormant: try object.optional(.notificationOnlyRefreshesDormant)?
          .boolean() ?? base.notificationOnlyRefreshesDormant,
        retentionGuardDays: try object.optional(.retentionGuardDays)?.integer(in: days)
          ?? base.retentionGuardDays)
      self.init(
        policy: policy,
        scheduleMinutes: try object.optional(.scheduleMinutes)?.integer(in: 1...10_080) ?? 60)
    }
  }
}
