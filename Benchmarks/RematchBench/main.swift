// bench-rematch: the re-matcher end to end on a real SQLite file (release build).
//
//   delta CANDIDATES VACANCIES CHANGED RUNS: CHANGED candidates get new profiles and a change event each;
//     one `matchChanges` pass rescores them against every open vacancy and writes the changed scores.
//     Only the changed candidates were ever scored (situation (a)).
//   delta-full CANDIDATES VACANCIES CHANGED RUNS: the same after a full initial scoring of every
//     candidate × vacancy, so all pairs are stored (situation (b)).
//   delta-notify CANDIDATES VACANCIES CHANGED RUNS: as delta, with the re-matcher `serve` runs
//     (`Rematcher.configured` on the default configuration, run from the package root): synonym tables from
//     fixtures/matching, and the match events written to the notifier's outbox in the same transaction
//     (one notification per recipient and candidate a pass).
//   full CANDIDATES VACANCIES RUNS: `rescoreVacancies(force: true)` over everyone after 1% of profiles
//     changed without events, writing only the scores that changed.
//
// Run: swift run -c release -Xswiftc -warnings-as-errors bench-rematch delta 100000 500 1000 5
// Seeding uses fixture SQL here: the records stores are not merged yet.
import App
import Domain
import Foundation
import Storage

let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "delta"
let numbers = arguments.dropFirst().compactMap { Int($0) }
let candidateCount = numbers.count > 0 ? numbers[0] : 100_000
let vacancyCount = numbers.count > 1 ? numbers[1] : 500

let directory = FileManager.default.temporaryDirectory
  .appendingPathComponent("bench-rematch-\(UUID().uuidString)").path
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }
let database = try Database(path: directory + "/bench.db", readerCount: 1)
defer { database.close() }
let migrator = try Migrator(Schema.migrations)
_ = try database.writeSync { try migrator.migrate($0) }

var population = Population(seed: 42)
let encoder = JSONEncoder()
let clock = ManualClock(Date(timeIntervalSince1970: 1_780_000_000))

/// Seeds candidates with profiles and open vacancies.
/// The seeded profiles, index = candidate id - 1, updated as the benchmark changes them.
var seeded: [CandidateProfile] = []

@MainActor func seed() throws {
  seeded = (0..<candidateCount).map { _ in population.profile() }
  let profiles = try seeded.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
  let criteria = try (0..<vacancyCount).map { index in
    String(decoding: try encoder.encode(population.vacancy(id: index).criteria), as: UTF8.self)
  }
  try database.writeSync { connection in
    try connection.transaction {
      for profile in profiles {
        try connection.run(
          "INSERT INTO candidates (provider, created_at, profile) VALUES ('bench', 0, ?)",
          [.text(profile)])
      }
      for text in criteria {
        try connection.run(
          """
          INSERT INTO vacancies (title, criteria, owner_user_id, created_at, updated_at)
          VALUES ('Vacancy', ?, 'u_bench', 0, 0)
          """, [.text(text)])
      }
    }
  }
}

/// A job change, as a refresh finds it: the current position ends and a new one starts with a new title.
@MainActor func changeJob(_ id: Int64) -> CandidateProfile {
  var profile = seeded[Int(id - 1)]
  for index in profile.workHistory.indices where profile.workHistory[index].isCurrent {
    profile.workHistory[index].isCurrent = false
    profile.workHistory[index].endDate = "2026-01-31"
  }
  let title = population.title()
  profile.workHistory.insert(
    .init(company: "New Company", title: title, startDate: "2026-02-01", isCurrent: true), at: 0)
  profile.currentTitle = title
  seeded[Int(id - 1)] = profile
  return profile
}

/// Gives `ids` a job change; with `events`, records a change event for each.
@MainActor func changeProfiles(_ ids: [Int64], events: Bool) throws {
  let profiles = try ids.map { String(decoding: try encoder.encode(changeJob($0)), as: UTF8.self) }
  try database.writeSync { connection in
    try connection.transaction {
      for (id, profile) in zip(ids, profiles) {
        try connection.run(
          "UPDATE candidates SET profile = ? WHERE id = ?", [.text(profile), .integer(id)])
        if events {
          try connection.run(
            "INSERT INTO change_events (candidate_id, kind, detected_at, created_at) VALUES (?, 'job_changed', 0, 0)",
            [.integer(id)])
        }
      }
    }
  }
}

/// Scores ever written, `match_log` rows and the database size in MB (main file plus WAL).
func storedFigures() throws -> String {
  let (written, logRows) = try database.readSync { connection in
    (
      try ScoreStore.scoresWritten(in: connection),
      Int(try connection.queryOne("SELECT count(*) FROM match_log")?.int(0) ?? 0)
    )
  }
  var bytes = 0
  for suffix in ["", "-wal"] {
    let attributes = try? FileManager.default.attributesOfItem(
      atPath: directory + "/bench.db" + suffix)
    bytes += (attributes?[.size] as? Int) ?? 0
  }
  return "\(written) scores stored in \(logRows) log rows, database \(bytes / 1_000_000) MB"
}

/// Notifications in the outbox, how many of them stand for more than one event (a recipient's several
/// vacancies in one pass, or later passes folded into a waiting digest) and the events they stand for.
func outboxFigures() throws -> String {
  try database.readSync { connection in
    let row = try connection.queryOne(
      """
      SELECT count(*), coalesce(sum(json_extract(data, '$.event_count') > 1), 0),
        coalesce(sum(json_extract(data, '$.event_count')), 0) FROM notifications
      """)
    let (notifications, digests, events) = (row?.int(0) ?? 0, row?.int(1) ?? 0, row?.int(2) ?? 0)
    return "outbox: \(notifications) notifications (\(digests) of several events) for \(events) events"
  }
}

let synonyms = try MatchingSynonyms(
  skills: SynonymTable(synonyms: ["javascript": ["js"], "kubernetes": ["k8s"]]),
  titles: SynonymTable(
    synonyms: ["senior": ["sr"], "engineer": ["eng"]], stopWords: ["of", "and", "the"]))
let rematcher =
  mode == "delta-notify"
  ? try Rematcher.configured(Configuration.load(file: nil, environment: [:]), clock: clock)
  : Rematcher(synonyms: synonyms, clock: clock)

let setup = try seconds { try seed() }
print("seeded \(candidateCount) candidates, \(vacancyCount) vacancies in \(format(setup)) s")

switch mode {
case "delta", "delta-full", "delta-notify":
  let changed = numbers.count > 2 ? numbers[2] : 1_000
  let runs = numbers.count > 3 ? numbers[3] : 5
  let stride = max(1, candidateCount / changed)
  let ids = (0..<changed).map { Int64($0 * stride + 1) }
  if mode == "delta-full" {
    var initial = RematchReport()
    let time = try seconds {
      initial = try database.writeSync { try rematcher.rescoreVacancies(in: $0) }
    }
    print(
      "initial full scoring of \(candidateCount) × \(vacancyCount): \(format(time)) s, "
        + "\(initial.scoresWritten) written; \(try storedFigures())")
  } else {
    // The vacancies count as scored already, so only change events drive the passes.
    try database.writeSync { connection in
      for vacancy in try MatchingStore.vacancies(in: connection) {
        try MatchingStore.markVacancyScored(
          id: vacancy.id, criteriaVersion: vacancy.criteriaVersion, at: clock.now(), in: connection)
      }
    }
  }
  try changeProfiles(ids, events: true)
  var report = RematchReport()
  let first = try seconds { report = try database.writeSync { try rematcher.matchChanges(in: $0) } }
  print(
    "first delta of \(changed) × \(vacancyCount): \(format(first)) s, \(report.scoresWritten) written"
  )
  var times: [Double] = []
  for run in 1...runs {
    try changeProfiles(ids, events: true)
    clock.advance(by: 60)
    let (time, cpu) = try measure {
      report = try database.writeSync { try rematcher.matchChanges(in: $0) }
    }
    times.append(time)
    print(
      "run \(run): \(format(time)) s (\(format(cpu)) s CPU), \(report.changesMatched) changes, "
        + "\(report.pairsScored) pairs, \(report.scoresWritten) written, \(report.eventsRaised) events"
    )
  }
  print(try storedFigures())
  if mode == "delta-notify" { print(try outboxFigures()) }
  print(
    "\(mode) \(changed) × \(vacancyCount) median \(format(median(times))) s over \(runs) runs")
case "full":
  let runs = numbers.count > 2 ? numbers[2] : 3
  var report = RematchReport()
  let first = try seconds {
    report = try database.writeSync { try rematcher.rescoreVacancies(in: $0) }
  }
  print(
    "initial scoring of \(candidateCount) × \(vacancyCount): \(format(first)) s, "
      + "\(report.scoresWritten) written; \(try storedFigures())")
  var times: [Double] = []
  for run in 1...runs {
    let changed = (0..<(candidateCount / 100)).map { Int64($0 * 100 + run) }
    try changeProfiles(changed, events: false)
    clock.advance(by: 60)
    let (time, cpu) = try measure {
      report = try database.writeSync { try rematcher.rescoreVacancies(force: true, in: $0) }
    }
    times.append(time)
    print(
      "run \(run): \(format(time)) s (\(format(cpu)) s CPU), \(report.pairsScored) pairs, \(report.scoresWritten) written "
        + "(\(changed.count) profiles changed)")
  }
  print(try storedFigures())
  print(
    "full \(candidateCount) × \(vacancyCount) median \(format(median(times))) s over \(runs) runs")
default:
  print(
    "usage: bench-rematch delta|delta-full|delta-notify|full CANDIDATES VACANCIES [CHANGED] [RUNS]")
}
