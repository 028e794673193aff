import Foundation
import Storage

/// GDPR Art. 15 export: every piece of personal data held about one person, as JSON: every column of the
/// candidate row, of every row of every table keyed by the candidate, and the stored webhook bodies that
/// named them. Times (`*_at` integer columns) are RFC 3339; bytes are text when UTF-8, else base64.
enum ExportDocument {
  /// The export of `candidateID` as pretty JSON, nil when not held. Run inside a read transaction.
  static func build(candidateID: Int64, now: Date, in connection: Connection) throws -> String? {
    guard
      let tables = try connection.transaction({
        try PersonalDataStore.export(candidateID: candidateID, in: connection)
      })
    else { return nil }
    var data: [String: Any] = [:]
    for (table, rows) in tables {
      data[table] = rows.map(object)
    }
    let document: [String: Any] = [
      "candidate_id": candidateID, "exported_at": ComplianceDates.rfc3339(now), "data": data,
    ]
    let bytes = try JSONSerialization.data(
      withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return String(decoding: bytes, as: UTF8.self)
  }

  /// One row as a JSON object.
  static func object(_ row: Row) -> [String: Any] {
    var object: [String: Any] = [:]
    for (index, name) in row.columnNames.enumerated() {
      object[name] = value(row[index], column: name)
    }
    return object
  }

  private static func value(_ value: SQLValue, column: String) -> Any {
    switch value {
    case .null: return NSNull()
    case .integer(let number):
      if column.hasSuffix("_at") {
        return ComplianceDates.rfc3339(Date(timeIntervalSince1970: Double(number) / 1000))
      }
      return number
    case .real(let number): return number.isFinite ? number : NSNull()
    case .text(let text): return text
    case .blob(let bytes):
      if let text = String(validating: bytes, as: UTF8.self) { return text }
      return ["base64": Data(bytes).base64EncodedString()]
    }
  }
}
