import Domain
import Foundation
import Storage

/// `talentwatch rematch [--vacancy ID | --all]`: rescores now. Without options it does what `serve` does
/// on its own (vacancies created or edited, then unmatched change events); `--vacancy ID` rescores one
/// vacancy for all candidates; `--all` rescores every open scored vacancy. Only changed scores are written.
struct RematchCommand: Command {
  /// Selected by `rematch`.
  static let name = "rematch"
  /// Shown in the overview.
  static let abstract = "Rescore candidates against open vacancies (advisory scores only)."
  /// `--vacancy ID` or `--all`.
  static let options: [CommandOption] = [
    .option("vacancy", value: "ID", help: "Rescore all candidates for this vacancy."),
    .flag("all", help: "Rescore every open vacancy with AI scoring on."),
  ]
  /// Needs the database and the matching settings.
  static let loadsConfiguration = true

  /// The vacancy to rescore, if one was named.
  let vacancy: Int64?
  /// Whether `--all` was given.
  let all: Bool

  /// Reads `--vacancy` (a positive integer) and `--all`.
  init(arguments: CommandArguments) throws(UsageError) {
    if let text = arguments.value("vacancy") {
      guard let id = Int64(text), id > 0 else {
        throw UsageError("--vacancy: expected a vacancy id, got \"\(text)\"")
      }
      vacancy = id
    } else {
      vacancy = nil
    }
    all = arguments.flag("all")
  }

  /// `--vacancy` and `--all` exclude each other.
  func validate() throws(UsageError) {
    if vacancy != nil && all { throw UsageError("--vacancy and --all cannot be combined") }
  }

  /// Rescores and prints what was done.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    let database = try Database(path: configuration.database, readerCount: 1)
    defer { database.close() }
    let migrator = try Migrator(Schema.migrations)
    _ = try await database.write { try migrator.migrate($0) }
    let rematcher = Rematcher(
      synonyms: try MatchingSynonyms(directory: configuration.matching.synonymsDirectory),
      thresholds: configuration.matching.thresholds, clock: SystemClock())
    let vacancy = vacancy
    let all = all
    if let vacancy {
      let exists = try await database.read { try MatchingStore.vacancy(id: vacancy, in: $0) != nil }
      guard exists else {
        context.output.printError("error: no vacancy \(vacancy)")
        return CLIExitCode.failure
      }
    }
    let report = try await database.write { connection in
      if let vacancy {
        return try rematcher.rescoreVacancies(only: vacancy, force: true, in: connection)
      }
      if all {
        var report = try rematcher.rescoreVacancies(force: true, in: connection)
        report.add(try rematcher.matchChanges(in: connection))
        return report
      }
      return try rematcher.runDue(in: connection)
    }
    if context.globals.json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      context.output.print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
      context.output.print(
        "rescored \(report.vacanciesRescored) vacancies and \(report.changesMatched) change events: "
          + "\(report.pairsScored) pairs scored, \(report.scoresWritten) scores written, "
          + "\(report.eventsRaised) match events")
    }
    return CLIExitCode.success
  }
}
