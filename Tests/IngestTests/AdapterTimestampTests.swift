import Foundation
import Testing

@testable import Ingest

/// ISO 8601 / RFC 3339 timestamps as providers write them: with and without fractions, offsets and zones.
@Suite("Adapter timestamps")
struct AdapterTimestampTests {
  /// 2026-11-30T06:00:12Z in Unix seconds.
  static let reference: Double = 1_796_018_412

  /// Accepted texts and the Unix time each names.
  static let acceptedTable: [(String, Double)] = [
    ("2026-11-30T06:00:12Z", reference),
    ("2026-11-30t06:00:12z", reference),
    ("2026-11-30 06:00:12Z", reference),
    ("2026-11-30T06:00:12", reference),
    ("2026-11-30T06:00:12+00:00", reference),
    ("2026-11-30T07:00:12+01:00", reference),
    ("2026-11-30T01:00:12-05:00", reference),
    ("2026-11-30T11:30:12+0530", reference),
    ("2026-11-30T08:00:12+02", reference),
    ("2026-11-30T06:00:12.5Z", reference + 0.5),
    ("2026-11-30T06:00:12,25Z", reference + 0.25),
    ("2026-11-30T06:00:12.482Z", reference + 0.482),
    ("2026-11-30T06:00:12.123456Z", reference + 0.123456),
    ("2026-11-30T06:00:12.123456789123Z", reference + 0.123456789),
    ("2026-11-30T07:00:12.250+01:00", reference + 0.25),
    ("2026-11-30T06:00Z", reference - 12),
    ("2026-11-30", reference - 6 * 3600 - 12),
    ("2028-02-29T00:00:00Z", 1_835_395_200),
    ("2000-03-01", 951_868_800),
    ("1969-12-31T23:59:59Z", -1),
  ]

  @Test(
    "timestamps with and without fractional seconds and with offsets name the right instant",
    arguments: acceptedTable)
  func acceptedForms(text: String, seconds: Double) throws {
    let date = try #require(ISO8601Timestamp.date(from: text))
    #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
  }

  @Test(
    "text that is not a real ISO 8601 instant is rejected",
    arguments: [
      "", "yesterday", "2026-11-30T", "2026-11-30T06", "2026-11-30T06:00:12.",
      "2026-11-30T06:00:12Zjunk",
      "2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-11-30T24:00:00Z",
      "2026-11-30T06:60:00Z", "2026-11-30T06:00:61Z", "2026-11-30T06:00:12+2",
      "2026-11-30T06:00:12+24:00",
      "26-11-30", "2026/11/30", "1796018412", "2026-11-30T06:00:12 +01:00",
    ])
  func rejectedForms(text: String) {
    #expect(ISO8601Timestamp.date(from: text) == nil)
  }

  @Test("the parser agrees with Foundation's ISO 8601 formatter on RFC 3339 forms")
  func agreesWithFoundation() throws {
    for text in [
      "2026-12-04T09:12:30.250+05:30", "2026-12-08T07:00:05+01:00", "1999-12-31T23:59:59Z",
    ] {
      let ours = try #require(ISO8601Timestamp.date(from: text))
      let foundation = try #require(AdapterFixture.foundationDate(text))
      #expect(abs(ours.timeIntervalSince(foundation)) < 0.001)
    }
  }
}
