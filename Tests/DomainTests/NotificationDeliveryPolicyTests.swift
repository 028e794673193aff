import Domain
import Foundation
import Testing

/// The Standard Webhooks sender rules as a pure decision.
@Suite("notification delivery policy")
struct NotificationDeliveryPolicyTests {
  private let now = Date(timeIntervalSince1970: 1_800_000_000)
  private let policy = NotificationDeliveryPolicy(
    schedule: NotificationRetrySchedule(
      delays: NotificationRetrySchedule.standardDelays, jitterFraction: 0))

  @Test("the default schedule is the Standard Webhooks one: 10 attempts over about 3 days")
  func standardSchedule() {
    let schedule = NotificationRetrySchedule.standard
    #expect(schedule.maximumAttempts == 10)
    #expect(schedule.delays == [0, 5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400])
    #expect(schedule.delays.reduce(0, +) > 2.9 * 86_400)
    #expect(NotificationDeliveryPolicy().timeout == .seconds(15))
  }

  @Test("jitter only ever delays, by at most its fraction")
  func jitter() {
    let schedule = NotificationRetrySchedule(delays: [0, 100], jitterFraction: 0.2)
    #expect(schedule.delay(afterAttempts: 1, unitRandom: 0) == 100)
    #expect(schedule.delay(afterAttempts: 1, unitRandom: 0.999)! < 120.01)
    #expect(schedule.delay(afterAttempts: 1, unitRandom: 0.5) == 110)
    #expect(schedule.delay(afterAttempts: 2, unitRandom: 0.5) == nil)
  }

  @Test("only 2xx is success; 3xx and 5xx follow the schedule")
  func statuses() {
    #expect(
      policy.decide(.status(200, retryAfter: nil), attemptsMade: 1, now: now, unitRandom: 0)
        == .delivered)
    #expect(
      policy.decide(.status(204, retryAfter: nil), attemptsMade: 1, now: now, unitRandom: 0)
        == .delivered)
    #expect(
      policy.decide(.status(302, retryAfter: nil), attemptsMade: 1, now: now, unitRandom: 0)
        == .retry(at: now.addingTimeInterval(5)))
    #expect(
      policy.decide(.status(500, retryAfter: nil), attemptsMade: 2, now: now, unitRandom: 0)
        == .retry(at: now.addingTimeInterval(300)))
    #expect(
      policy.decide(.transportFailure, attemptsMade: 3, now: now, unitRandom: 0)
        == .retry(at: now.addingTimeInterval(1800)))
  }

  @Test("410 disables the channel")
  func gone() {
    #expect(
      policy.decide(.status(410, retryAfter: nil), attemptsMade: 1, now: now, unitRandom: 0)
        == .disableChannel)
  }

  @Test("429, 502, 503 and 504 wait at least their Retry-After; other statuses ignore it")
  func retryAfter() {
    for status in [429, 502, 503, 504] {
      #expect(
        policy.decide(.status(status, retryAfter: 120), attemptsMade: 1, now: now, unitRandom: 0)
          == .retry(at: now.addingTimeInterval(120)))
    }
    #expect(
      policy.decide(.status(429, retryAfter: 1), attemptsMade: 2, now: now, unitRandom: 0)
        == .retry(at: now.addingTimeInterval(300)))
    #expect(
      policy.decide(.status(500, retryAfter: 120), attemptsMade: 1, now: now, unitRandom: 0)
        == .retry(at: now.addingTimeInterval(5)))
    #expect(
      policy.decide(.status(429, retryAfter: 1e9), attemptsMade: 1, now: now, unitRandom: 0)
        == .retry(at: now.addingTimeInterval(86_400)))
  }

  @Test("after the last attempt, or when refused, the delivery is dead")
  func dead() {
    #expect(
      policy.decide(.status(500, retryAfter: nil), attemptsMade: 10, now: now, unitRandom: 0)
        == .dead)
    #expect(policy.decide(.refused, attemptsMade: 1, now: now, unitRandom: 0) == .dead)
  }
}
