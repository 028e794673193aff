/// Points without sentences (what the re-matcher stores for a written score), and breakdowns rebuilt from
/// stored points and stored feature snapshots.
extension Matcher {
  /// Why a stored breakdown could not be re-explained with sentences.
  public enum Unexplained: Sendable, Hashable {
    /// The score came from another model version.
    case otherModel(String)
    /// The inputs (feature snapshots) of the score were not kept.
    case inputsMissing
    /// Recomputing from the stored inputs gives other points (the synonym tables changed since).
    case pointsDiffer
  }

  /// Every feature's points, equal to `score(candidate:vacancy:)`'s contributions, without building a
  /// sentence: the same kernel functions, packed in `MatchFeature.allCases` order.
  public func points(candidate: CandidateFeatures, vacancy: VacancyFeatures) -> MatchPoints {
    let (required, preferred) = Self.skillMatches(candidate, vacancy)
    let experience =
      vacancy.minimumMonths == 0
      ? MatchFeature.experience.maxPoints
      : Self.experiencePoints(Self.relevantMonths(candidate, vacancy), vacancy.minimumMonths)
    // Packed in `MatchFeature.allCases` order, one byte each, without an intermediate array.
    var packed = UInt64(vacancy.requiredPoints[required])
    packed |= UInt64(Self.titleMatch(candidate, vacancy).points) << 8
    packed |= UInt64(Self.seniorityPoints(candidate.seniority, vacancy.seniority)) << 16
    packed |= UInt64(experience) << 24
    packed |= UInt64(Self.locationMatch(candidate, vacancy).points) << 32
    packed |= UInt64(vacancy.preferredPoints[preferred]) << 40
    packed |= UInt64(Self.openToWorkPoints(candidate.openToWork)) << 48
    return MatchPoints(packed: packed)
  }

  /// The points of one candidate against the vacancies at `indices` (in that order): the loop for the
  /// pairs whose totals changed, run here so that no vacancy's features are copied per pair.
  public func points(
    candidate: CandidateFeatures, vacancies: [VacancyFeatures], at indices: [Int]
  ) -> [MatchPoints] {
    vacancies.withUnsafeBufferPointer { buffer in
      indices.map { points(candidate: candidate, vacancy: buffer[$0]) }
    }
  }

  /// The breakdown of a stored score: the matcher's sentences when this model produced it and the stored
  /// inputs give exactly the stored points; otherwise the stored points with a sentence saying why the
  /// details cannot be shown. Never changes the points.
  public func explain(
    stored points: MatchPoints, modelVersion: String, candidate: CandidateFeatures?,
    vacancy: VacancyFeatures?
  ) -> (contributions: [MatchContribution], unexplained: Unexplained?) {
    guard modelVersion == self.modelVersion else {
      return (Self.storedOnly(points, .otherModel(modelVersion)), .otherModel(modelVersion))
    }
    guard let candidate, let vacancy else {
      return (Self.storedOnly(points, .inputsMissing), .inputsMissing)
    }
    let score = score(candidate: candidate, vacancy: vacancy)
    guard MatchPoints(score.contributions) == points else {
      return (Self.storedOnly(points, .pointsDiffer), .pointsDiffer)
    }
    return (score.contributions, nil)
  }

  /// The stored points with one sentence per feature saying why there are no details.
  public static func storedOnly(_ points: MatchPoints, _ reason: Unexplained)
    -> [MatchContribution]
  {
    let sentence: String
    switch reason {
    case .otherModel(let version):
      sentence =
        "Points as stored by model \(version); this release explains \(currentModelVersion) only"
    case .inputsMissing:
      sentence = "Points as stored; the inputs of this score were not kept, so no details"
    case .pointsDiffer:
      sentence =
        "Points as stored; the stored inputs no longer give these points (the synonym tables changed)"
    }
    return MatchFeature.allCases.map { feature in
      MatchContribution(
        feature: feature, points: points[feature], maxPoints: feature.maxPoints, sentence: sentence)
    }
  }
}
