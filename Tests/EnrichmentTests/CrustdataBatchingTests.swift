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

  @Test(
    "at most the limit starts within any 60 seconds: a burst at once, then as the oldest age out")
  func slidingWindow() {
    let start = Date(timeIntervalSince1970: 1_000)
    var window = SlidingWindowLimit(requestsPerMinute: 15)
    for _ in 0..<15 { #expect(window.reserve(now: start) == 0) }
    // The 16th and 17th wait until the burst is a minute old.
    #expect(window.reserve(now: start) == 60)
    #expect(window.reserve(now: start) == 60)
    // Whatever the arrival pattern, no 60 s window holds more than 15 starts.
    var spread = SlidingWindowLimit(requestsPerMinute: 15)
    var starts: [Date] = []
    for second in stride(from: 0.0, to: 300, by: 3.7) {
      let now = start.addingTimeInterval(second)
      starts.append(now.addingTimeInterval(spread.reserve(now: now)))
    }
    for (index, first) in starts.enumerated() {
      let inWindow = starts[index...].prefix { $0.timeIntervalSince(first) < 60 }.count
      #expect(inWindow <= 15)
    }
    // After a quiet minute the whole burst is available again.
    #expect(window.reserve(now: start.addingTimeInterval(200)) == 0)
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
    #expect(
      [prices.enrich, prices.businessEmail, prices.personalEmail, prices.phone] == [1, 1, 2, 2])
  }
}

/// The real clock, named for the test.
struct SystemClockForTests: Domain.Clock {
  func now() -> Date { Date() }
}
