import Domain
import Foundation

/// Small helpers the compliance commands share.
enum ComplianceCommandSupport {
  /// The positional `ID` as a candidate id.
  static func candidateID(_ arguments: CommandArguments) throws(UsageError) -> Int64 {
    guard let text = arguments.positional("ID"), let id = Int64(text), id > 0 else {
      throw UsageError("<ID>: expected a positive candidate id")
    }
    return id
  }

  /// The actor a command writes into the audit log: the operator's login on the command line.
  static func actor(_ context: CommandContext) -> String {
    "cli:" + (context.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "operator")
  }

  /// `value` as pretty JSON with sorted keys and RFC 3339 dates.
  static func json<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(ComplianceDates.rfc3339(date))
    }
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}
