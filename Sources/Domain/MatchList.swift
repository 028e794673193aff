/// Orders a vacancy's scores for display: by score descending, then candidate id. There is deliberately no
/// threshold or limit parameter: everyone scored is shown, so a score can never silently hide a person.
public enum MatchList {
  /// Every score for `vacancy`, ordered, each marked stopped when the vacancy's AI scoring is off.
  /// Scores for other vacancies are a caller bug and are kept rather than dropped, so no one disappears.
  public static func entries(_ scores: [MatchScore], for vacancy: Vacancy) -> [MatchListEntry] {
    ordered(scores.map { MatchListEntry(score: $0, isStopped: !vacancy.aiScoring) })
  }

  /// The same entries, by total descending, then candidate id ascending (then vacancy id, for a total order).
  public static func ordered(_ entries: [MatchListEntry]) -> [MatchListEntry] {
    entries.sorted { lhs, rhs in
      if lhs.score.total != rhs.score.total { return lhs.score.total > rhs.score.total }
      if lhs.score.candidateID != rhs.score.candidateID {
        return lhs.score.candidateID < rhs.score.candidateID
      }
      return lhs.score.vacancyID < rhs.score.vacancyID
    }
  }
}
