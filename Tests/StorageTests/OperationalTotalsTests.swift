import Foundation
import Storage
import Testing

@Test("operational totals count what the tables recorded: charges, credits, plan items and scores")
func operationalTotals() throws {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("talentwatch-totals-\(UUID().uuidString.prefix(8))")
  defer { try? FileManager.default.removeItem(at: directory) }
  let database = try Database(path: directory.appendingPathComponent("t.db").path, readerCount: 1)
  defer { database.close() }
  let totals = try database.writeSync { connection in
    _ = try Migrator(Schema.migrations).migrate(connection)
    try CreditLedgerStore.append(
      CreditLedgerEntry(
        at: Date(), operation: "enrich", credits: 2, candidateIDs: [], purpose: "add", profiles: 2),
      in: connection)
    try CreditLedgerStore.append(
      CreditLedgerEntry(
        at: Date(), operation: "enrich", credits: 1.5, candidateIDs: [], purpose: "refresh",
        profiles: 1), in: connection)
    return try OperationalTotals.read(in: connection)
  }
  #expect(totals.chargedCallsByOperation == ["enrich": 2])
  #expect(totals.creditsSpent == 3.5)
  #expect(totals.scoresWritten == 0)
  #expect(totals.planItemsByReason.isEmpty)
  #expect(totals.deadLettered == 0)
}
