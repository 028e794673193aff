import Domain
import Foundation
import HTTPServer
import Logging
import Storage
import Testing

@testable import App

/// The re-matcher on a real SQLite file: what it rescores, what it writes, and what it never does.
@Suite("Re-matcher")
struct RematchTests {
  /// Four required skills: a candidate scores 55 + 10 per skill held (+5 when open to work).
  static let fourSkills = ["Swift", "SQL", "Linux", "Go"]

  @Test("a new vacancy is scored for every candidate once, and a second pass writes nothing")
  func newVacancyScoresEveryone() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let a = try world.addCandidate(skills: ["swift"])
    let b = try world.addCandidate(skills: ["swift", "sql", "linux", "go"])
    let c = try world.addCandidate(skills: [])
    let vacancy = try world.addVacancy(required: Self.fourSkills)
    let rematcher = world.rematcher()
    let first = try world.writing { try rematcher.runDue(in: $0) }
    #expect(first.vacanciesRescored == 1)
    #expect(first.scoresWritten == 3)
    #expect(try world.currentScore(a, vacancy) == 65)
    #expect(try world.currentScore(b, vacancy) == 95)
    #expect(try world.currentScore(c, vacancy) == 55)
    let second = try world.writing { try rematcher.runDue(in: $0) }
    #expect(second.vacanciesRescored == 0)
    #expect(second.scoresWritten == 0)
    let forced = try world.writing { try rematcher.rescoreVacancies(force: true, in: $0) }
    #expect(forced.pairsScored == 3)
    #expect(forced.scoresWritten == 0)
    #expect(try world.scoreRows().count == 3)
  }

  @Test("a change event rescores only that candidate, against every open scored vacancy")
  func deltaTouchesOnlyChangedCandidates() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let changed = try world.addCandidate(skills: ["swift"])
    let other = try world.addCandidate(skills: ["sql"])
    let first = try world.addVacancy(required: Self.fourSkills)
    let second = try world.addVacancy(required: ["Swift", "Kubernetes"])
    let closed = try world.addVacancy(required: ["Swift"], isOpen: false)
    let rematcher = world.rematcher()
    _ = try world.writing { try rematcher.runDue(in: $0) }
    let before = try world.scoreRows()
    #expect(before.count == 4)

    try world.change(changed, skills: ["swift", "k8s", "linux"])
    let report = try world.writing { try rematcher.runDue(in: $0) }
    #expect(report.changesMatched == 1)
    #expect(report.pairsScored == 2)
    #expect(report.scoresWritten == 2)
    let after = try world.scoreRows()
    // The untouched candidate's rows are exactly as they were; the changed one has new current rows.
    #expect(after.filter { $0[1] == other } == before.filter { $0[1] == other })
    #expect(try world.currentScore(changed, first) == 75)
    #expect(try world.currentScore(changed, second) == 100 - 5)
    #expect(try world.currentScore(changed, closed) == nil)
    #expect(try world.unmatchedChangeCount() == 0)
  }

  @Test("a change event whose scores did not move writes nothing and is still marked matched")
  func unchangedPairsAreNotRewritten() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift"])
    _ = try world.addVacancy(required: Self.fourSkills)
    let rematcher = world.rematcher()
    _ = try world.writing { try rematcher.runDue(in: $0) }
    let before = try world.scoreRows()
    try world.change(candidate, skills: ["Swift", "Photoshop"])
    let report = try world.writing { try rematcher.runDue(in: $0) }
    #expect(report.changesMatched == 1)
    #expect(report.scoresWritten == 0)
    #expect(try world.scoreRows() == before)
    #expect(try world.unmatchedChangeCount() == 0)
  }

  @Test("editing a vacancy rescores all its candidates and keeps the old scores as history")
  func vacancyEditRescoresWithHistory() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let a = try world.addCandidate(skills: ["swift", "go"])
    let b = try world.addCandidate(skills: ["sql"])
    let edited = try world.addVacancy(required: Self.fourSkills)
    let untouched = try world.addVacancy(required: ["SQL"])
    let rematcher = world.rematcher()
    _ = try world.writing { try rematcher.runDue(in: $0) }
    let untouchedBefore = try world.scoreRows().filter { $0[2] == untouched }

    try world.editVacancy(edited, required: ["Go"])
    let report = try world.writing { try rematcher.runDue(in: $0) }
    #expect(report.vacanciesRescored == 1)
    #expect(report.pairsScored == 2)
    #expect(try world.currentScore(a, edited) == 95)
    #expect(try world.currentScore(b, edited) == 55)
    #expect(try world.scoreRows().filter { $0[2] == untouched } == untouchedBefore)

    let history = try world.reading { try MatchesHistory.entries(candidateID: a, in: $0) }
    let forEdited = history.filter { $0.vacancyID == edited }
    #expect(forEdited.map(\.score) == [75, 95])
    #expect(forEdited.map(\.isCurrent) == [false, true])
    #expect(forEdited.last?.trigger == "vacancy:\(edited)@2")
    #expect(forEdited.allSatisfy { $0.contributions.reduce(0) { $0 + $1.points } == $0.score })
    #expect(forEdited.last?.contributions.first?.sentence.contains("Go") == true)
  }

  @Test("an edit that changes only the breakdown's wording still writes the new breakdown")
  func vacancyEditWithSameTotalsRewritesBreakdown() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift"])
    let vacancy = try world.addVacancy(required: ["Swift", "SQL"])
    let rematcher = world.rematcher()
    _ = try world.writing { try rematcher.runDue(in: $0) }
    try world.editVacancy(vacancy, required: ["Swift", "Rust"])
    let report = try world.writing { try rematcher.runDue(in: $0) }
    #expect(report.scoresWritten == 1)
    let history = try world.reading {
      try MatchesHistory.entries(candidateID: candidate, in: $0)
    }
    #expect(history.map(\.score) == [75, 75])
    #expect(history.last?.contributions.first?.sentence.contains("Rust") == true)
  }

  @Test("the stop switch: no fresh scores, old ones readable and marked stopped, back on rescores")
  func stopSwitch() async throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift"])
    let vacancy = try world.addVacancy(required: Self.fourSkills)
    let rematcher = world.rematcher()
    _ = try world.writing { try rematcher.runDue(in: $0) }
    try world.setScoring(vacancy, false)
    try world.change(candidate, skills: ["swift", "sql", "linux"])
    let delta = try world.writing { try rematcher.runDue(in: $0) }
    #expect(delta.scoresWritten == 0)
    #expect(delta.pairsScored == 0)
    let forced = try world.writing {
      try rematcher.rescoreVacancies(only: vacancy, force: true, in: $0)
    }
    #expect(forced.scoresWritten == 0)
    #expect(try world.currentScore(candidate, vacancy) == 65)

    let page = try world.reading {
      try MatchesRoute.page(vacancyID: vacancy, limit: 10, after: nil, in: $0)
    }
    #expect(page?.scoringStopped == true)
    #expect(page?.matches.map(\.isStopped) == [true])
    #expect(page?.matches.first?.score == 65)

    try world.setScoring(vacancy, true)
    let resumed = try world.writing { try rematcher.runDue(in: $0) }
    #expect(resumed.vacanciesRescored == 1)
    #expect(try world.currentScore(candidate, vacancy) == 85)
  }

  @Test(
    "no entry point of the re-matcher, the service, the command or the match list writes a stage")
  func noStageWrites() async throws {
    let world = try RematchWorld()
    defer { world.close() }
    let inPipeline = try world.addCandidate(skills: ["swift"])
    try world.addCandidate(skills: ["go"])
    let vacancy = try world.addVacancy(required: Self.fourSkills)
    let stopped = try world.addVacancy(required: ["Go"], aiScoring: false)
    try world.addToPipeline(inPipeline, vacancy)
    try world.addToPipeline(inPipeline, stopped)
    let before = try world.pipelineSnapshot()
    #expect(before.count == 4)
    let rematcher = world.rematcher()

    _ = try world.writing { try rematcher.runDue(in: $0) }
    try world.change(inPipeline, skills: ["swift", "sql"], kind: "job_changed")
    _ = try world.writing { try rematcher.matchChanges(in: $0) }
    try world.change(inPipeline, skills: ["swift", "sql"], openToWork: true, kind: "open_to_work")
    _ = try world.writing { try rematcher.runDue(in: $0) }
    _ = try world.writing { try rematcher.rescoreVacancies(force: true, in: $0) }
    _ = try world.writing {
      try rematcher.rescoreVacancies(only: vacancy, force: true, in: $0)
    }
    try world.editVacancy(vacancy, required: ["SQL"])
    let service = RematchService(
      database: world.database, rematcher: rematcher,
      logger: Logger(label: "test", sink: Logger.MemorySink()))
    _ = try await service.runOnce()
    _ = try world.reading {
      try MatchesRoute.page(vacancyID: vacancy, limit: 1, after: nil, in: $0)
    }
    let handler = MatchesRoute.handler(database: world.database)
    _ = await handler(
      Request(method: "GET", path: "/", pathParameters: ["id": String(vacancy)]))
    _ = try world.reading { try MatchesHistory.entries(candidateID: inPipeline, in: $0) }

    let config = try world.directory.write(
      "talentwatch.json",
      #"{"database": "\#(world.directory.path)/talentwatch.db", "matching": {"synonyms_dir": "\#(world.directory.path)/syn"}}"#
    )
    try FileManager.default.createDirectory(
      atPath: world.directory.path + "/syn", withIntermediateDirectories: true)
    try world.directory.write("syn/skill-synonyms.json", #"{"version": 1, "synonyms": {}}"#)
    try world.directory.write("syn/title-synonyms.json", #"{"version": 1, "synonyms": {}}"#)
    for arguments in [
      ["rematch"], ["rematch", "--all"], ["rematch", "--vacancy", String(vacancy)],
    ] {
      let run = try await runCLI(["--config", config] + arguments, directory: world.directory)
      #expect(run.status == 0, "\(arguments): \(run.standardError)")
    }
    #expect(try world.pipelineSnapshot() == before)
  }

  @Test(
    "the match list is ordered by score then candidate id, pages are stable, and everyone is listed"
  )
  func paginationOrderStable() async throws {
    let world = try RematchWorld()
    defer { world.close() }
    let skillSets: [[String]] = [
      ["swift"], ["swift", "sql"], [], ["swift"], ["go", "sql"], [], ["swift"],
    ]
    var ids: [Int64] = []
    for skills in skillSets { ids.append(try world.addCandidate(skills: skills)) }
    let vacancy = try world.addVacancy(required: Self.fourSkills)
    let rematcher = world.rematcher()
    _ = try world.writing { try rematcher.runDue(in: $0) }

    let handler = MatchesRoute.handler(database: world.database)
    var seen: [(Int64, Int)] = []
    var after: String?
    var pages = 0
    repeat {
      var query = ["limit": "3"]
      if let after { query["after"] = after }
      let response = await handler(
        Request(method: "GET", path: "/", query: query, pathParameters: ["id": String(vacancy)]))
      #expect(response.status == 200)
      let page = try JSONDecoder().decode(MatchesPage.self, from: Data(response.body))
      #expect(page.total == ids.count)
      seen += page.matches.map { ($0.candidateID, $0.score) }
      #expect(page.matches.allSatisfy { $0.contributions.reduce(0) { $0 + $1.points } == $0.score })
      after = page.nextAfter
      pages += 1
    } while after != nil && pages < 10
    let expected = zip(
      ids,
      skillSets.map {
        55 + 10 * $0.filter { Self.fourSkills.map { $0.lowercased() }.contains($0) }.count
      }
    )
    .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    #expect(seen.map(\.0) == expected.map(\.0))
    #expect(seen.map(\.1) == expected.map(\.1))

    let bad = await handler(
      Request(
        method: "GET", path: "/", query: ["after": "x"], pathParameters: ["id": String(vacancy)]))
    #expect(bad.status == 400)
    let zero = await handler(
      Request(
        method: "GET", path: "/", query: ["limit": "0"], pathParameters: ["id": String(vacancy)]))
    #expect(zero.status == 400)
    let missing = await handler(
      Request(method: "GET", path: "/", pathParameters: ["id": "999"]))
    #expect(missing.status == 404)
  }
}

/// The stored breakdown format.
@Suite("Re-matcher breakdown encoding")
struct RematchEncodingTests {
  @Test(
    "the hand-written contributions JSON reads back as the same contributions, escapes included")
  func roundTrip() throws {
    let parts = [
      MatchContribution(
        feature: .requiredSkills, points: 20, maxPoints: 40,
        sentence: "2 of 4 required skills: \"C#\", C\\C++; tab\there\nnewline \u{1} é"),
      MatchContribution(feature: .openToWork, points: 0, maxPoints: 5, sentence: "Not open"),
    ]
    let text = try Rematcher.encode(parts)
    let decoded = try JSONDecoder().decode([MatchContribution].self, from: Data(text.utf8))
    #expect(decoded == parts)
    #expect(try Rematcher.encode(decoded) == text)
  }
}
