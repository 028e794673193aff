public import Foundation

/// The credit ledger: every provider call's cost, summed per UTC day for the daily budget.
public enum CreditLedgerStore {
  /// Appends an entry.
  public static func append(_ entry: CreditLedgerEntry, in connection: Connection) throws {
    let ids = "[" + entry.candidateIDs.map(String.init).joined(separator: ",") + "]"
    try connection.run(
      """
      INSERT INTO credit_ledger (at, day, operation, credits, candidate_ids, purpose, profiles)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .date(entry.at), .text(day(of: entry.at)), .text(entry.operation), .real(entry.credits),
        .text(ids), .text(entry.purpose), .integer(Int64(entry.profiles)),
      ])
  }

  /// Credits spent on the UTC day containing `date`.
  public static func total(onDayOf date: Date, in connection: Connection) throws -> Double {
    try connection.queryOne(
      "SELECT COALESCE(SUM(credits), 0) FROM credit_ledger WHERE day = ?", [.text(day(of: date))]
    )?.double(0) ?? 0
  }

  /// Every entry, oldest first.
  public static func entries(in connection: Connection) throws -> [CreditLedgerEntry] {
    try connection.query(
      "SELECT at, operation, credits, candidate_ids, purpose, profiles FROM credit_ledger ORDER BY id"
    ).map { row in
      let ids =
        (try? JSONDecoder().decode([Int64].self, from: Data((row.text(3) ?? "[]").utf8))) ?? []
      return CreditLedgerEntry(
        at: row.date(0) ?? Date(timeIntervalSince1970: 0), operation: row.text(1) ?? "",
        credits: row.double(2) ?? 0, candidateIDs: ids, purpose: row.text(4) ?? "",
        profiles: Int(row.int(5) ?? 0))
    }
  }

  /// The UTC day of `date` as `YYYY-MM-DD`.
  public static func day(of date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    let year = parts.year ?? 1970
    let month = parts.month ?? 1
    let day = parts.day ?? 1
    return String(format: "%04d-%02d-%02d", year, month, day)
  }
}
