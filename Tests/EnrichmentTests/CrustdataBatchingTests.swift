import Domain
import Foundation
import Testing

@testable import Enrichment

@Suite("Profile URL validation, batching and the request limiter")
struct CrustdataBatchingTests {
  @Test("URLs are validated and normalised first; bad ones are set aside, duplicates sent once")
  func validation() {
    let prepared = ProfileURLBatcher.prepare(
      [
        "https://www.linkedin.com/in/Ada-L/?trk=x", "not a url", "https://example.com/in/ada",
        "http://nl.linkedin.com/in/ada-l", "https://linkedin.com/company/acme",
        "https://linkedin.com/in/", "https://linkedin.com/in/bo",
      ], batchSize: 25)
    #expect(
      prepared.normalized == [
        "https://linkedin.com/in/ada-l", nil, nil, "https://linkedin.com/in/ada-l", nil, nil,
        "https://linkedin.com/in/bo",
      ])
    #expect(prepared.batches == [["https://linkedin.com/in/ada-l", "https://linkedin.com/in/bo"]])
  }

  @Test("batches hold at most batch_size URLs, and never more than 25")
  func batching() {
    let urls = (0..<60).map { "https://linkedin.com/in/person-\($0)" }
    #expect(ProfileURLBatcher.prepare(urls, batchSize: 25).batches.map(\.count) == [25, 25, 10])
    #expect(ProfileURLBatcher.prepare(urls, batchSize: 7).batches.count == 9)
    #expect(ProfileURLBatcher.prepare(urls, batchSize: 100).batches.first?.count == 25)
    #expect(ProfileURLBatcher.prepare([], batchSize: 25).batches.isEmpty)
  }

  @Test("the token bucket allows a minute's burst, then spaces requests evenly")
  func tokenBucket() {
    let start = Date(timeIntervalSince1970: 1_000)
    var bucket = TokenBucket(requestsPerMinute: 15, now: start)
    for _ in 0..<15 { #expect(bucket.reserve(now: start) == 0) }
    #expect(abs(bucket.reserve(now: start) - 4) < 1e-9)
    #expect(abs(bucket.reserve(now: start) - 8) < 1e-9)
    // 8 seconds later both queued tokens are due, and the next waits another 4 seconds.
    #expect(abs(bucket.reserve(now: start.addingTimeInterval(8)) - 4) < 1e-9)
    var idle = TokenBucket(requestsPerMinute: 60, now: start)
    for _ in 0..<60 { _ = idle.reserve(now: start) }
    #expect(idle.reserve(now: start.addingTimeInterval(600)) == 0)
    #expect(idle.tokens <= idle.capacity)
  }

  @Test("the pacer lets a burst through at once")
  func pacerBurst() async throws {
    let pacer = RequestPacer(requestsPerMinute: 100, clock: SystemClockForTests())
    let begun = ContinuousClock.now
    for _ in 0..<10 { try await pacer.acquire() }
    #expect(ContinuousClock.now - begun < .seconds(1))
  }

  @Test("published prices are the defaults")
  func prices() {
    let prices = CreditPrices.published
    #expect([prices.enrich, prices.businessEmail, prices.personalEmail, prices.phone] == [1, 1, 2, 2])
  }
}

/// The real clock, named for the test.
struct SystemClockForTests: Domain.Clock {
  func now() -> Date { Date() }
}
