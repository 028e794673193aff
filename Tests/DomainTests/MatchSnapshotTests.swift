import Domain
import Foundation
import Testing

/// What the re-matcher stores instead of sentences: 7 feature points per score and feature snapshots that
/// give back exactly the features a score was computed from.
@Suite("Stored points and feature snapshots")
struct MatchSnapshotTests {
  @Test(
    "the points without sentences equal the full score's contributions for every generated pair")
  func pointsEqualContributions() throws {
    let cases = try MatchPropertyTests.Cases(seed: 23, candidates: 80, vacancies: 25)
    let matcher = Matcher()
    for candidate in cases.candidates {
      for vacancy in cases.vacancyFeatures {
        let score = matcher.score(candidate: candidate, vacancy: vacancy)
        let points = matcher.points(candidate: candidate, vacancy: vacancy)
        #expect(points == MatchPoints(score.contributions))
        #expect(points.total == score.total)
        #expect(points.total == matcher.scoreTotal(candidate: candidate, vacancy: vacancy))
        #expect(MatchPoints(bytes: points.bytes[...]) == points)
      }
    }
  }

  @Test(
    "snapshots read back into a fresh builder score exactly as the originals, sentences included")
  func snapshotRoundTrip() throws {
    let cases = try MatchPropertyTests.Cases(seed: 31, candidates: 60, vacancies: 20)
    // A builder without synonym tables: snapshots carry normalised names, so none are needed.
    var fresh = try FeatureBuilder(skillSynonyms: .empty, titleSynonyms: .empty)
    // Read in reverse order so the fresh ids differ from the originals.
    var vacancyList: [VacancyFeatures] = []
    for original in cases.vacancyFeatures.reversed() {
      let copy = fresh.features(
        vacancySnapshot: cases.builder.snapshot(of: original), vacancyID: original.vacancyID)
      vacancyList.insert(try #require(copy), at: 0)
    }
    var candidateList: [CandidateFeatures] = []
    for original in cases.candidates.reversed() {
      let copy = fresh.features(
        candidateSnapshot: cases.builder.snapshot(of: original), candidateID: original.candidateID)
      candidateList.insert(try #require(copy), at: 0)
    }
    let vacancies = vacancyList
    let candidates = candidateList
    let matcher = Matcher()
    for (original, copy) in zip(cases.candidates, candidates) {
      // Read back again in the same builder, a snapshot gives the same features.
      let again = fresh.features(
        candidateSnapshot: fresh.snapshot(of: copy), candidateID: copy.candidateID)
      #expect(again == copy)
      for (vacancy, vacancyCopy) in zip(cases.vacancyFeatures, vacancies) {
        #expect(
          matcher.score(candidate: copy, vacancy: vacancyCopy)
            == matcher.score(candidate: original, vacancy: vacancy))
      }
    }
  }

  @Test("a damaged snapshot is refused, never trapped on")
  func damagedSnapshots() throws {
    let cases = try MatchPropertyTests.Cases(seed: 5, candidates: 3, vacancies: 3)
    var fresh = try FeatureBuilder(skillSynonyms: .empty, titleSynonyms: .empty)
    let bytes = cases.builder.snapshot(of: cases.candidates[0])
    for cut in 0..<bytes.count {
      #expect(fresh.features(candidateSnapshot: Array(bytes[..<cut]), candidateID: "c") == nil)
    }
    var wrongVersion = bytes
    wrongVersion[0] = 99
    #expect(fresh.features(candidateSnapshot: wrongVersion, candidateID: "c") == nil)
    let vacancy = cases.builder.snapshot(of: cases.vacancyFeatures[0])
    #expect(fresh.features(vacancySnapshot: Array(vacancy.dropLast()), vacancyID: "v") == nil)
    #expect(FeatureBuilder.describe(candidateSnapshot: bytes)?.contains("skills: ") == true)
  }

  @Test("stored points that the inputs no longer give, or of another model, keep their points")
  func storedOnlyExplanations() throws {
    let cases = try MatchPropertyTests.Cases(seed: 7, candidates: 2, vacancies: 1)
    let matcher = Matcher()
    let candidate = cases.candidates[0]
    let vacancy = cases.vacancyFeatures[0]
    let real = matcher.points(candidate: candidate, vacancy: vacancy)
    let explained = matcher.explain(
      stored: real, modelVersion: matcher.modelVersion, candidate: candidate, vacancy: vacancy)
    #expect(explained.unexplained == nil)
    #expect(
      explained.contributions == matcher.score(candidate: candidate, vacancy: vacancy).contributions
    )
    let other = try #require(MatchPoints([40, 15, 5, 15, 15, 5, 5]))
    let differ = matcher.explain(
      stored: other == real ? MatchPoints(packed: 0) : other, modelVersion: matcher.modelVersion,
      candidate: candidate, vacancy: vacancy)
    #expect(differ.unexplained == .pointsDiffer)
    let old = matcher.explain(
      stored: real, modelVersion: "tw-match-0", candidate: candidate, vacancy: vacancy)
    #expect(old.unexplained == .otherModel("tw-match-0"))
    #expect(old.contributions.map(\.points) == real.bytes.map(Int.init))
    #expect(MatchPoints([41, 0, 0, 0, 0, 0, 0]) == nil)
    #expect(MatchPoints([1, 2, 3]) == nil)
  }
}
