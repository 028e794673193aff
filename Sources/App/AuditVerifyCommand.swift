import Domain
import Storage

/// `talentwatch audit verify [--head SEQ:HASH]`: walks the audit hash chain and names the first entry that
/// does not fit; prints the newest entry (the head) so that it can be recorded outside the database, and
/// with `--head` checks that a head recorded earlier is still in the log unchanged.
///
/// The chain alone shows edits and gaps inside the log, not a log cut short at its end or rebuilt from some
/// point: that takes a head kept elsewhere (`serve` logs it whenever it moves), checked here.
struct AuditVerifyCommand: Command {
  /// Selected by `audit verify`.
  static let name = "audit verify"
  /// Shown in the overview.
  static let abstract = "Check the audit log's hash chain; name the first entry that does not fit."
  /// `--head`.
  static let options: [CommandOption] = [
    .option(
      "head", value: "SEQ:HASH",
      help:
        "A head recorded earlier (printed by audit verify, logged by serve): it must still be in the log."
    )
  ]
  /// Needs the database.
  static let loadsConfiguration = true

  /// The head recorded earlier, when given.
  let recordedHead: AuditHead?

  /// Reads `--head SEQ:HASH`.
  init(arguments: CommandArguments) throws(UsageError) {
    guard let text = arguments.value("head") else {
      recordedHead = nil
      return
    }
    let parts = text.split(separator: ":", maxSplits: 1)
    guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, parts[1].count == 64,
      parts[1].allSatisfy(\.isHexDigit)
    else {
      throw UsageError("--head: expected SEQ:HASH (an entry number and its 64-digit hex hash)")
    }
    recordedHead = AuditHead(seq: seq, hash: parts[1].lowercased())
  }

  /// Exits 0 when the chain is intact (and holds the recorded head), 1 with what does not fit otherwise.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try await ComplianceContext.openDatabase(configuration)
    defer { database.close() }
    let recordedHead = recordedHead
    let (result, recordedHash, prunedThrough) = try await database.read { connection in
      try connection.transaction {
        (
          try AuditLogStore.verify(in: connection),
          try recordedHead.flatMap { try AuditLogStore.hash(seq: $0.seq, in: connection) },
          try AuditLogStore.prunedThrough(in: connection)
        )
      }
    }
    if let failure = result.failure {
      context.output.print(
        "audit chain broken at entry \(failure.seq): \(failure.reason) (\(result.checked) entries checked)"
      )
      return CLIExitCode.failure
    }
    let headText = result.head.map { "; head \($0.seq):\($0.hash)" } ?? "; the log is empty"
    context.output.print("audit chain intact: \(result.checked) entries verified\(headText)")
    guard let recordedHead else { return CLIExitCode.success }
    if let recordedHash {
      guard recordedHash == recordedHead.hash else {
        context.output.print(
          "recorded head \(recordedHead.seq) does not match: the log was rewritten from there or before"
        )
        return CLIExitCode.failure
      }
      context.output.print("recorded head \(recordedHead.seq) is in the log unchanged")
      return CLIExitCode.success
    }
    if recordedHead.seq <= prunedThrough {
      context.output.print(
        "recorded head \(recordedHead.seq) was pruned by retention; it can no longer be compared")
      return CLIExitCode.success
    }
    context.output.print(
      "recorded head \(recordedHead.seq) is missing: the log ends at \(result.head?.seq ?? 0) (entries were cut)"
    )
    return CLIExitCode.failure
  }
}
