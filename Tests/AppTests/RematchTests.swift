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

/// What is stored instead of sentences, and how sentences come back.
@Suite("Re-matcher stored breakdowns")
struct RematchBreakdownTests {
  @Test(
    "stored scores are re-explained with the matcher's own sentences, current and history alike")
  func sentencesRebuiltFromSnapshots() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift", "k8s"])
    let vacancy = try world.addVacancy(required: ["Swift", "Kubernetes", "Go"])
    let rematcher = world.rematcher()
    _ = try world.writing { try rematcher.runDue(in: $0) }
    try world.change(candidate, skills: ["swift", "k8s", "go"], openToWork: true)
    _ = try world.writing { try rematcher.runDue(in: $0) }
    let history = try world.reading { try MatchesHistory.entries(candidateID: candidate, in: $0) }
    #expect(history.map(\.score) == [81, 100])
    #expect(
      history.first?.contributions.first?.sentence
        == "2 of 3 required skills: Swift, Kubernetes; missing Go")
    #expect(
      history.last?.contributions.first?.sentence == "3 of 3 required skills: Swift, Kubernetes, Go"
    )
    #expect(history.last?.contributions.last?.sentence == "Open to work")
    #expect(history.allSatisfy { $0.contributions.reduce(0) { $0 + $1.points } == $0.score })
    // The same sentences as scoring the profile afresh.
    var builder = try RematchWorld.synonyms.builder()
    let person = builder.features(
      for: CandidateProfile(name: "Test Person", skills: ["swift", "k8s", "go"], openToWork: true),
      candidateID: String(candidate), asOf: world.clock.now())
    let criteria = Vacancy(
      id: String(vacancy), title: "Engineer",
      criteria: VacancyCriteria(requiredSkills: ["Swift", "Kubernetes", "Go"]),
      ownerUserID: "u_anna")
    let fresh = Matcher().score(candidate: person, vacancy: try builder.features(for: criteria))
    #expect(history.last?.contributions == fresh.contributions)
    let page = try world.reading {
      try MatchesRoute.page(vacancyID: vacancy, limit: 10, after: nil, in: $0)
    }
    #expect(page?.matches.first?.contributions == fresh.contributions)
  }

  @Test(
    "a score whose stored points no longer match its inputs shows the stored points and says so")
  func storedPointsWinOverMismatch() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift"])
    let vacancy = try world.addVacancy(required: ["Swift", "SQL"])
    _ = try world.writing { try world.rematcher().runDue(in: $0) }
    // Tamper with the stored criteria snapshot: the inputs now give other points than were stored.
    try world.writing { connection in
      var builder = try RematchWorld.synonyms.builder()
      let other = try builder.features(
        for: Vacancy(
          id: String(vacancy), title: "Engineer",
          criteria: VacancyCriteria(requiredSkills: ["Rust"]), ownerUserID: "u_anna"))
      try connection.run(
        "UPDATE match_vacancy_snapshots SET features = ?", [.blob(builder.snapshot(of: other))])
    }
    let history = try world.reading { try MatchesHistory.entries(candidateID: candidate, in: $0) }
    #expect(history.map(\.score) == [75])
    #expect(history.first?.contributions.reduce(0) { $0 + $1.points } == 75)
    #expect(
      history.first?.contributions.first?.sentence.contains("no longer give these points") == true)
  }

  @Test(
    "a full rescoring reuses a candidate's snapshot until the profile changes, then reads the profile"
  )
  func snapshotCacheFollowsProfile() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift"])
    let vacancy = try world.addVacancy(required: ["Swift", "SQL"])
    let rematcher = world.rematcher()
    _ = try world.writing { try rematcher.runDue(in: $0) }
    func snapshots() throws -> Int64? {
      try world.reading { try $0.queryOne("SELECT count(*) FROM match_snapshots")?.int(0) }
    }
    #expect(try snapshots() == 1)
    let again = try world.writing { try rematcher.rescoreVacancies(force: true, in: $0) }
    #expect(again.scoresWritten == 0)
    #expect(try snapshots() == 1)
    // A profile change without an event (as a refresh may write it) is seen by the next full pass.
    try world.writing { connection in
      try connection.run(
        "UPDATE candidates SET profile = ? WHERE id = ?",
        [
          .text(try RematchWorld.profileJSON(skills: ["swift", "sql"], openToWork: false)),
          .integer(candidate),
        ])
    }
    let changed = try world.writing { try rematcher.rescoreVacancies(force: true, in: $0) }
    #expect(changed.scoresWritten == 1)
    #expect(try world.currentScore(candidate, vacancy) == 95)
    #expect(try snapshots() == 2)
  }

  @Test(
    "a damaged feature snapshot is scored from the profile; damaged current scores stop the pass")
  func damagedStoredScoring() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift"])
    let vacancy = try world.addVacancy(required: ["Swift", "SQL"])
    let rematcher = world.rematcher()
    _ = try world.writing { try rematcher.runDue(in: $0) }
    let scored = try #require(try world.currentScore(candidate, vacancy))
    try world.writing { try $0.run("UPDATE match_snapshots SET features = x'ff00ff'") }
    let again = try world.writing { try rematcher.rescoreVacancies(force: true, in: $0) }
    #expect(again.candidatesSkipped == 0)
    #expect(again.pairsScored == 1)
    #expect(try world.currentScore(candidate, vacancy) == scored)
    // Rescoring over unreadable current scores would overwrite them: the pass fails instead.
    try world.writing { try $0.run("UPDATE match_current SET scores = x'ff00ff'") }
    #expect(throws: StorageError.self) {
      try world.writing { try rematcher.rescoreVacancies(force: true, in: $0) }
    }
  }

  @Test("one audit entry per candidate and run names how many scores were written")
  func auditPerCandidateRun() throws {
    let world = try RematchWorld()
    defer { world.close() }
    try world.addCandidate(skills: ["swift"])
    try world.addCandidate(skills: ["go"])
    try world.addVacancy(required: ["Swift"])
    try world.addVacancy(required: ["Go"])
    var rematcher = world.rematcher()
    rematcher.audit = AuditTrail(pseudonymizer: Pseudonymizer(pepper: "test-pepper"))
    let report = try world.writing { try rematcher.runDue(in: $0) }
    #expect(report.scoresWritten == 4)
    let details = try world.reading { connection in
      try connection.query(
        "SELECT details FROM audit_log WHERE action = 'score.written' ORDER BY seq"
      ).compactMap { $0.text(0) }
    }
    #expect(details.count == 2)
    #expect(try world.reading { try ScoreStore.scoresWritten(in: $0) } == 4)
    #expect(
      details.allSatisfy { $0.contains("\"scores_written\":\"2\"") && $0.contains("tw-match-1") })
  }

  @Test("the export lists every score readably (points, trigger, model) and the features scored")
  func exportIsReadable() throws {
    let world = try RematchWorld()
    defer { world.close() }
    let candidate = try world.addCandidate(skills: ["swift", "k8s"])
    try world.addVacancy(required: ["Swift", "Go"])
    _ = try world.writing { try world.rematcher().runDue(in: $0) }
    let text = try #require(
      try world.reading {
        try ExportDocument.build(candidateID: candidate, now: world.clock.now(), in: $0)
      })
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let data = try #require(document["data"] as? [String: Any])
    let scores = try #require(data["match_scores"] as? [[String: Any]])
    #expect(scores.count == 1)
    #expect(scores.first?["score"] as? Int == 75)
    #expect(scores.first?["model_version"] as? String == "tw-match-1")
    #expect((scores.first?["contributions"] as? String)?.contains("\"required_skills\"") == true)
    let snapshots = try #require(data["match_snapshots"] as? [[String: Any]])
    #expect((snapshots.first?["features"] as? String)?.contains("skills: ") == true)
    #expect((snapshots.first?["features"] as? String)?.contains("kubernetes") == true)
    #expect(data["match_log"] == nil && data["match_current"] == nil)
  }
}
