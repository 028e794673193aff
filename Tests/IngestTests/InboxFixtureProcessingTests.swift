import Domain
import Foundation
import Ingest
import Storage
import Testing

/// Every stored fixture through the whole processing step: the inbox row, the adapter, the candidate
/// lookup and the signals table, with the people the fixture names held as candidates.
@Test(
  "every fixture delivery is processed into its expected signals or quarantined",
  arguments: AdapterFixture.all)
func fixtureThroughProcessor(fixture: AdapterFixture) async throws {
  let temporary = try TemporaryDatabase()
  defer { temporary.cleanUp() }
  let meta = try fixture.meta()
  let body = try fixture.body()
  let received = Date(timeIntervalSince1970: 1_800_000_000)
  let expectedSignals = meta.expected.signals ?? []
  let inboxID = try await temporary.database.write { connection in
    try connection.transaction {
      for signal in expectedSignals {
        _ = try CandidateIdentityStore.ensure(
          provider: signal.provider, providerID: signal.providerID, profileURL: signal.profileURL,
          now: received, in: connection)
      }
      let delivery = InboxDelivery(
        source: meta.source, deliveryID: meta.deliveryID, scheme: meta.scheme, format: meta.format,
        receivedAt: received, signedAt: nil, headers: [:], body: body)
      return try InboxStore.append([delivery], in: connection)[0].id
    }
  }

  try await InboxProcessor(database: temporary.database, clock: ManualClock(received)).drain()

  let (entry, stored) = try await temporary.database.read { connection in
    (
      try InboxStore.find(id: inboxID, in: connection),
      try InboxStore.signals(inboxID: inboxID, in: connection)
    )
  }
  if let error = meta.expected.error {
    #expect(entry?.status == .quarantined)
    #expect(entry?.error?.contains(error) == true)
    #expect(stored.isEmpty)
  } else {
    #expect(entry?.status == .processed)
    #expect(stored.count == expectedSignals.count)
    #expect(stored.map(\.signal.kind.rawValue) == expectedSignals.map(\.kind))
    #expect(stored.map(\.ordinal) == Array(0..<expectedSignals.count))
    #expect(stored.allSatisfy { $0.signal.detectedAt != nil }, "a detection time is always kept")
  }
}
