public import Domain
import Foundation
public import Storage

/// Rebuilds the sentences of stored scores: the candidate's feature snapshot and the vacancy's criteria
/// snapshot are read back into one builder and scored again; when the points equal the stored ones the
/// matcher's sentences are shown, else the stored points with a sentence saying why there are no details.
/// Scores migrated from the old layout show the breakdown stored with them. Needs no synonym tables.
/// Caches snapshots, so one explainer serves a page or a history; use it on one connection.
public struct ScoreExplainer {
  private let connection: Connection
  private var builder: FeatureBuilder?
  private var candidates: [Int64: (basis: String, features: CandidateFeatures?)] = [:]
  private var vacancies: [String: VacancyFeatures?] = [:]
  private let matcher = Matcher()

  /// An explainer reading snapshots through `connection`.
  public init(connection: Connection) {
    self.connection = connection
    builder = try? FeatureBuilder(skillSynonyms: .empty, titleSynonyms: .empty)
  }

  /// The breakdown of `score`, one contribution per feature whose points add up to the stored total.
  public mutating func contributions(of score: StoredScore) throws -> [MatchContribution] {
    if let legacy = score.legacyContributions {
      if let parts = try? JSONDecoder().decode([MatchContribution].self, from: Data(legacy.utf8)) {
        return parts
      }
      return Matcher.storedOnly(score.points, .inputsMissing)
    }
    let candidate = try candidateFeatures(score)
    let vacancy = try candidate.flatMap { _ in try vacancyFeatures(score) }
    return matcher.explain(
      stored: score.points, modelVersion: score.modelVersion, candidate: candidate?.features,
      vacancy: vacancy
    ).contributions
  }

  /// The candidate's features from the score's snapshot, with the snapshot's basis.
  private mutating func candidateFeatures(_ score: StoredScore) throws -> (
    basis: String, features: CandidateFeatures
  )? {
    guard let id = score.snapshotID else { return nil }
    if candidates[id] == nil {
      let stored = try MatchSnapshotStore.candidate(id: id, in: connection)
      let features = stored.flatMap {
        builder?.features(candidateSnapshot: $0.features, candidateID: String(score.candidateID))
      }
      candidates[id] = (stored?.basis ?? "", features)
    }
    guard let cached = candidates[id], let features = cached.features else { return nil }
    return (cached.basis, features)
  }

  /// The vacancy's features at the score's criteria version, under the candidate snapshot's basis.
  private mutating func vacancyFeatures(_ score: StoredScore) throws -> VacancyFeatures? {
    guard let id = score.snapshotID, let basis = candidates[id]?.basis else { return nil }
    let key = "\(score.vacancyID)@\(score.criteriaVersion)/\(basis)"
    if let cached = vacancies[key] { return cached }
    let features = try MatchSnapshotStore.vacancy(
      vacancyID: score.vacancyID, criteriaVersion: score.criteriaVersion, basis: basis,
      in: connection
    ).flatMap { builder?.features(vacancySnapshot: $0, vacancyID: String(score.vacancyID)) }
    vacancies[key] = features
    return features
  }
}
