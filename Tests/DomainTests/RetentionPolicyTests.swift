import Domain
import Foundation
import Testing

/// The retention rules with an injected clock: every date is computed from fixed instants.
@Suite("Retention policy")
struct RetentionPolicyTests {
  let sourced = Date(timeIntervalSince1970: 1_780_000_000)
  let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))
  let policy = RetentionPolicy.defaults

  func day(_ count: Double) -> TimeInterval { count * 86_400 }

  @Test("a sourced, never contacted person is kept on day 27 and purged on day 28")
  func sourcedDay27KeptDay28Purged() throws {
    let due = try #require(
      policy.purgeDueAt(sourcedAt: sourced, contactedAt: nil, art14NoticeSentAt: nil))
    #expect(due.rule == .sourcedNotContacted)
    clock.set(sourced.addingTimeInterval(day(27)))
    #expect(!due.isDue(at: clock.now()))
    clock.advance(by: day(1) - 1)
    #expect(!due.isDue(at: clock.now()), "one second before day 28 is still kept")
    clock.advance(by: 1)
    #expect(due.isDue(at: clock.now()))
    #expect(due.dueAt == sourced.addingTimeInterval(day(28)))
  }

  @Test("an Art. 14 notice extends retention to noticed_retention_days")
  func noticeExtends() throws {
    let due = try #require(
      policy.purgeDueAt(
        sourcedAt: sourced, contactedAt: nil, art14NoticeSentAt: sourced.addingTimeInterval(day(3)))
    )
    #expect(due.rule == .noticedNotContacted)
    #expect(due.dueAt == sourced.addingTimeInterval(day(180)))
    #expect(!due.isDue(at: sourced.addingTimeInterval(day(28))))
    #expect(due.isDue(at: sourced.addingTimeInterval(day(180))))
  }

  @Test(
    "contact data is deleted 365 days after first contact, and a contacted record is not purged")
  func contactDataAt365Days() throws {
    let contacted = sourced.addingTimeInterval(day(10))
    #expect(
      policy.purgeDueAt(sourcedAt: sourced, contactedAt: contacted, art14NoticeSentAt: nil) == nil)
    let deletion = try #require(policy.contactDataDeletionAt(contactedAt: contacted))
    #expect(deletion.rule == .contactData)
    #expect(!deletion.isDue(at: contacted.addingTimeInterval(day(364))))
    #expect(deletion.isDue(at: contacted.addingTimeInterval(day(365))))
    #expect(policy.contactDataDeletionAt(contactedAt: nil) == nil)
  }

  @Test("the schedule depends only on sourcing, contact and notice, so a refresh cannot move it")
  func refreshDoesNotResetClocks() {
    // A refresh changes enrichment and verification times only; the rules take neither as input, so
    // the schedule computed before and after any number of refreshes is the same.
    let before = policy.schedule(sourcedAt: sourced, contactedAt: nil, art14NoticeSentAt: nil)
    clock.advance(by: day(20))
    let after = policy.schedule(sourcedAt: sourced, contactedAt: nil, art14NoticeSentAt: nil)
    #expect(before == after)
    #expect(after.purge?.dueAt == sourced.addingTimeInterval(day(28)))
  }

  @Test("sourced_retention_days of 30 or more is refused with the Art. 14 reason")
  func sourcedRetentionUnderThirty() {
    #expect(RetentionPolicy(sourcedRetentionDays: 29).violations().isEmpty)
    let violations = RetentionPolicy(sourcedRetentionDays: 30).violations()
    #expect(violations.map(\.key) == ["sourced_retention_days"])
    #expect(violations.first?.reason.contains("Art. 14") == true)
  }

  @Test("audit retention under 180 days is refused, and pruning never cuts nearer than 180 days")
  func auditRetentionAtLeast180() {
    let violations = RetentionPolicy(auditRetentionDays: 179).violations()
    #expect(violations.map(\.key) == ["audit_retention_days"])
    var unchecked = RetentionPolicy.defaults
    unchecked.auditRetentionDays = 10
    #expect(unchecked.auditCutoff(now: sourced) == sourced.addingTimeInterval(-day(180)))
  }

  @Test("a notice period shorter than the sourced period is refused")
  func noticeShorterRefused() {
    let violations = RetentionPolicy(sourcedRetentionDays: 28, noticedRetentionDays: 20)
      .violations()
    #expect(violations.map(\.key) == ["noticed_retention_days"])
  }
}
