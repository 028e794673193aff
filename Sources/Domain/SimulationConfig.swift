public import Foundation

/// A synthetic population and provider behaviour for comparing refresh policies; every default is
/// documented with its source, and marked an assumption where it is one.
public struct SimulationConfig: Sendable, Hashable, Codable {
  /// Candidates in the database.
  public var candidates: Int
  /// Days simulated; the planner runs once a day.
  public var days: Int
  /// Seed for every random draw: the same seed gives the same report.
  public var seed: UInt64
  /// The first simulated day (00:00 UTC); default 2026-01-05.
  public var start: Date

  /// Job changes per person-year. Default 0.18: assumption in the 0.15–0.20 range that public labour
  /// statistics suggest (US BLS Employee Tenure 2022: median tenure with the current employer 4.1 years)
  /// and that LinkedIn workforce reports describe for professionals.
  public var annualJobChangeRate: Double
  /// Open-to-work transitions (switched on or off) per person-year. Default 0.10: assumption; no public
  /// figure found.
  public var annualOpenToWorkRate: Double
  /// Other tracked profile changes (headline, location, skills) per person-year. Default 0.25: assumption.
  public var annualProfileChangeRate: Double

  /// Share of real changes the provider never signals. Default 0.10: assumption (issue brief).
  public var missedSignalShare: Double
  /// Share of signals that arrive without data (Coresignal-style `changed` notifications). Default 0.20:
  /// assumption for a setup with a data-rich primary provider and a notification-only second source.
  public var notificationOnlyShare: Double
  /// Hours between watch runs. Default 24: the daily interval trigger (`every_hours: 24`) of the Crustdata
  /// watch API; a watch diffs on a schedule, so a change waits until the next run to be seen.
  public var watchIntervalHours: Double
  /// Hour (UTC) of the first watch run of each day. Default 4: assumption.
  public var watchHourUTC: Double
  /// Hours from a watch run to the webhook arriving. Default 0–1: assumption (the documented example
  /// payload is delivered seconds after its run). Set 24–24 for the brief's "1–2 days" signal delay.
  public var deliveryDelayHours: ClosedRange<Double>

  /// Open vacancies per 1,000 candidates in the database. Default 1 (a 1,000,000-record database with
  /// 1,000 open vacancies): assumption for a sourced talent pool grown over years. The delta planner's
  /// spend grows with the active share this sets, as every active record is re-verified weekly.
  public var openVacanciesPer1000Candidates: Double
  /// Mean candidates per vacancy pipeline (uniform ±50%). Default 20: assumption.
  public var pipelineSize: Int
  /// Mean days a vacancy stays open (uniform ±50%). Default 44: SHRM's widely quoted average time to fill.
  public var vacancyOpenDays: Double
  /// Mean days between recruiter actions on one pipeline candidate. Default 14: assumption.
  public var activityIntervalDays: Double

  /// Hour (UTC) at which the planner runs each day. Default 6: after the morning watch deliveries.
  public var planHourUTC: Double
  /// Daily credit limit for every policy; nil = unlimited, so the policies are compared on need alone.
  public var dailyCreditLimit: Int?
  /// Records start verified uniformly within this many days before `start`. Default 30: a database kept
  /// by a 30-day timer before the simulation.
  public var initialVerifiedWithinDays: Double
  /// Changes in the last days of the run are left out of the staleness figures, as the run ends before
  /// a 30-day timer could catch them. Default 30 (capped at half the run).
  public var observationTailDays: Int

  /// Creates a configuration; every argument has the documented default.
  public init(
    candidates: Int = 5_000, days: Int = 180, seed: UInt64 = 1,
    start: Date = Date(timeIntervalSince1970: 1_767_571_200),
    annualJobChangeRate: Double = 0.18, annualOpenToWorkRate: Double = 0.10,
    annualProfileChangeRate: Double = 0.25, missedSignalShare: Double = 0.10,
    notificationOnlyShare: Double = 0.20, watchIntervalHours: Double = 24, watchHourUTC: Double = 4,
    deliveryDelayHours: ClosedRange<Double> = 0...1, openVacanciesPer1000Candidates: Double = 1,
    pipelineSize: Int = 20, vacancyOpenDays: Double = 44, activityIntervalDays: Double = 14,
    planHourUTC: Double = 6, dailyCreditLimit: Int? = nil, initialVerifiedWithinDays: Double = 30,
    observationTailDays: Int = 30
  ) {
    self.candidates = candidates
    self.days = days
    self.seed = seed
    self.start = start
    self.annualJobChangeRate = annualJobChangeRate
    self.annualOpenToWorkRate = annualOpenToWorkRate
    self.annualProfileChangeRate = annualProfileChangeRate
    self.missedSignalShare = missedSignalShare
    self.notificationOnlyShare = notificationOnlyShare
    self.watchIntervalHours = watchIntervalHours
    self.watchHourUTC = watchHourUTC
    self.deliveryDelayHours = deliveryDelayHours
    self.openVacanciesPer1000Candidates = openVacanciesPer1000Candidates
    self.pipelineSize = pipelineSize
    self.vacancyOpenDays = vacancyOpenDays
    self.activityIntervalDays = activityIntervalDays
    self.planHourUTC = planHourUTC
    self.dailyCreditLimit = dailyCreditLimit
    self.initialVerifiedWithinDays = initialVerifiedWithinDays
    self.observationTailDays = observationTailDays
  }

  /// Configuration keys, snake_case like the rest of talentwatch's configuration.
  private enum CodingKeys: String, CodingKey {
    case candidates, days, seed, start
    case annualJobChangeRate = "annual_job_change_rate"
    case annualOpenToWorkRate = "annual_open_to_work_rate"
    case annualProfileChangeRate = "annual_profile_change_rate"
    case missedSignalShare = "missed_signal_share"
    case notificationOnlyShare = "notification_only_share"
    case watchIntervalHours = "watch_interval_hours"
    case watchHourUTC = "watch_hour_utc"
    case deliveryDelayHours = "delivery_delay_hours"
    case openVacanciesPer1000Candidates = "open_vacancies_per_1000_candidates"
    case pipelineSize = "pipeline_size"
    case vacancyOpenDays = "vacancy_open_days"
    case activityIntervalDays = "activity_interval_days"
    case planHourUTC = "plan_hour_utc"
    case dailyCreditLimit = "daily_credit_limit"
    case initialVerifiedWithinDays = "initial_verified_within_days"
    case observationTailDays = "observation_tail_days"
  }

  /// Throws `SimulationError.invalidConfig` naming the first value out of range.
  public func validate() throws(SimulationError) {
    func check(_ ok: Bool, _ field: String, _ reason: String) throws(SimulationError) {
      if !ok { throw .invalidConfig(field: field, reason: reason) }
    }
    func finite(_ values: Double...) -> Bool { values.allSatisfy(\.isFinite) }
    try check(
      (1...10_000_000).contains(candidates), "candidates", "must be between 1 and 10,000,000")
    try check((1...3_650).contains(days), "days", "must be between 1 and 3,650")
    try check(start.timeIntervalSince1970.isFinite, "start", "must be a finite date")
    for (field, rate) in [
      ("annual_job_change_rate", annualJobChangeRate),
      ("annual_open_to_work_rate", annualOpenToWorkRate),
      ("annual_profile_change_rate", annualProfileChangeRate),
    ] {
      try check(finite(rate) && (0...50).contains(rate), field, "must be between 0 and 50 per year")
    }
    for (field, share) in [
      ("missed_signal_share", missedSignalShare),
      ("notification_only_share", notificationOnlyShare),
    ] {
      try check(finite(share) && (0...1).contains(share), field, "must be between 0 and 1")
    }
    try check(
      finite(watchIntervalHours) && (0.25...720).contains(watchIntervalHours),
      "watch_interval_hours",
      "must be between 0.25 and 720 hours")
    try check(
      finite(watchHourUTC) && (0..<24).contains(watchHourUTC), "watch_hour_utc", "must be in 0..<24"
    )
    try check(
      finite(planHourUTC) && (0..<24).contains(planHourUTC), "plan_hour_utc", "must be in 0..<24")
    try check(
      finite(deliveryDelayHours.lowerBound, deliveryDelayHours.upperBound)
        && deliveryDelayHours.lowerBound >= 0 && deliveryDelayHours.upperBound <= 720,
      "delivery_delay_hours", "must lie within 0...720 hours")
    try check(
      finite(openVacanciesPer1000Candidates)
        && (0...1_000).contains(openVacanciesPer1000Candidates),
      "open_vacancies_per_1000_candidates", "must be between 0 and 1,000")
    try check((1...10_000).contains(pipelineSize), "pipeline_size", "must be between 1 and 10,000")
    try check(
      finite(vacancyOpenDays) && (1...3_650).contains(vacancyOpenDays), "vacancy_open_days",
      "must be between 1 and 3,650 days")
    try check(
      finite(activityIntervalDays) && (0.1...3_650).contains(activityIntervalDays),
      "activity_interval_days", "must be between 0.1 and 3,650 days")
    try check(
      finite(initialVerifiedWithinDays) && (0.01...3_650).contains(initialVerifiedWithinDays),
      "initial_verified_within_days", "must be between 0.01 and 3,650 days")
    try check((dailyCreditLimit ?? 0) >= 0, "daily_credit_limit", "must not be negative")
    try check(
      (0...3_650).contains(observationTailDays), "observation_tail_days",
      "must be between 0 and 3,650")
  }
}
