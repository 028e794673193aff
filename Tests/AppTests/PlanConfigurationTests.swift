import Domain
import Foundation
import Testing

@testable import App

/// The `planner` configuration section: the planner's policy keys in snake_case and the refresh schedule.
@Suite("planner configuration")
struct PlanConfigurationTests {
  @Test(
    "absent, the issue's defaults apply: 14 active days, 7/30/never staleness, 7-day guard, hourly")
  func defaults() throws {
    let configuration = try parseConfiguration("{}")
    #expect(configuration.planner.policy == .delta)
    #expect(configuration.planner.scheduleMinutes == 60)
  }

  @Test("every key is read")
  func everyKey() throws {
    let configuration = try parseConfiguration(
      """
      {"planner": {"active_days": 10, "active_max_staleness_days": 3, "pipeline_max_staleness_days": 20,
        "dormant_max_staleness_days": 365, "credits_per_refresh": 2,
        "notification_only_refreshes_dormant": true, "retention_guard_days": 5, "schedule_minutes": 15}}
      """)
    #expect(
      configuration.planner.policy
        == PlannerPolicy(
          activeDays: 10, activeMaxStalenessDays: 3, pipelineMaxStalenessDays: 20,
          dormantMaxStalenessDays: 365, creditsPerRefresh: 2,
          notificationOnlyRefreshesDormant: true,
          retentionGuardDays: 5))
    #expect(configuration.planner.scheduleMinutes == 15)
  }

  @Test("bad values and unknown keys stop start-up naming the key path")
  func badValues() {
    #expect {
      try parseConfiguration(#"{"planner": {"credits_per_refresh": 0}}"#)
    } throws: { error in
      String(describing: error).contains("planner.credits_per_refresh")
    }
    #expect {
      try parseConfiguration(#"{"planner": {"schedule": 5}}"#)
    } throws: { error in
      String(describing: error).contains("planner.schedule")
    }
  }
}
