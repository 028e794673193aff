import Domain
import Foundation
import Logging
import Storage

/// The re-matcher inside `serve`: every `interval` it rescores vacancies created or edited, then consumes
/// the unmatched change events, on the database's writer. Runs until cancelled.
struct RematchService: Sendable {
  /// The database.
  let database: Database
  /// The re-matcher (its sink receives match events inside the scoring transactions).
  let rematcher: Rematcher
  /// Where counts and failures are logged (counts only, no personal data).
  let logger: Logger
  /// How often it looks for work.
  var interval: Duration = .seconds(2)

  /// One pass: everything due, returning what it did.
  func runOnce() async throws -> RematchReport {
    let rematcher = rematcher
    return try await database.write { try rematcher.runDue(in: $0) }
  }

  /// Runs until cancelled.
  func run() async {
    while !Task.isCancelled {
      do {
        let report = try await runOnce()
        if report.scoresWritten > 0 || report.changesMatched > 0 || report.vacanciesRescored > 0 {
          logger.info(
            "rematch pass",
            [
              "rematch.changes": .integer(report.changesMatched),
              "rematch.vacancies": .integer(report.vacanciesRescored),
              "rematch.pairs": .integer(report.pairsScored),
              "rematch.written": .integer(report.scoresWritten),
              "rematch.events": .integer(report.eventsRaised),
            ])
        }
      } catch {
        logger.error("rematch failed", ["error": .string(String(describing: error))])
      }
      try? await Task.sleep(for: interval)
    }
  }
}
