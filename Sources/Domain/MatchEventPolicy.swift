/// Decides which match events a rescoring raises for one candidate and one open vacancy. Pure: the caller
/// passes the stored previous score, the new one and what the change event was, and the policy answers.
///
/// Rules: `crossedThreshold` when the new score is at or above the threshold and the previous one was below
/// it (a first score counts as coming from 0, so 69 → 70 crosses at 70); `movedByDelta` when a previous
/// score exists and the score moved by at least the delta either way (9 does not, 10 does at delta 10);
/// `pipelineCandidateChanged` whenever a candidate in this vacancy's pipeline changed job or opened to work,
/// whatever the score did. Several rules can fire at once; the notifier may merge them into one message.
public enum MatchEventPolicy {
  /// The events for one candidate × vacancy after a rescoring, in `MatchEvent.Kind.allCases` order.
  public static func events(
    previous: Int?, current: Int, thresholds: MatchThresholds = .standard, inPipeline: Bool,
    jobChanged: Bool = false, openedToWork: Bool = false
  ) -> [MatchEvent] {
    let fires = rules(
      previous: previous, current: current, thresholds: thresholds, inPipeline: inPipeline,
      jobChanged: jobChanged, openedToWork: openedToWork)
    guard fires.crossed || fires.moved || fires.pipeline else { return [] }
    var events: [MatchEvent] = []
    let threshold = thresholds.notifyThreshold
    if fires.crossed {
      let from =
        previous.map { "rose from \($0) to \(current)" } ?? "is \(current) on first scoring"
      events.append(
        MatchEvent(
          kind: .crossedThreshold,
          reason: "Score \(from), reaching the notify threshold \(threshold)"))
    }
    if fires.moved, let previous {
      let change = current - previous
      let signed = change > 0 ? "+\(change)" : "\(change)"
      events.append(
        MatchEvent(
          kind: .movedByDelta,
          reason:
            "Score moved \(signed) (\(previous) → \(current)), at least the notify delta \(thresholds.notifyDelta)"
        ))
    }
    if fires.pipeline {
      let what =
        switch (jobChanged, openedToWork) {
        case (true, true): "changed job and opened to work"
        case (true, false): "changed job"
        default: "opened to work"
        }
      events.append(
        MatchEvent(
          kind: .pipelineCandidateChanged, reason: "A candidate in this vacancy's pipeline \(what)")
      )
    }
    return events
  }

  /// How many events `events` would return, without building their reasons (the hot path of a rescoring
  /// that only counts, or decides whether to build the full score at all).
  public static func count(
    previous: Int?, current: Int, thresholds: MatchThresholds = .standard, inPipeline: Bool,
    jobChanged: Bool = false, openedToWork: Bool = false
  ) -> Int {
    let fires = rules(
      previous: previous, current: current, thresholds: thresholds, inPipeline: inPipeline,
      jobChanged: jobChanged, openedToWork: openedToWork)
    return (fires.crossed ? 1 : 0) + (fires.moved ? 1 : 0) + (fires.pipeline ? 1 : 0)
  }

  /// Which rules fire: the one place the conditions are written.
  @inline(__always)
  private static func rules(
    previous: Int?, current: Int, thresholds: MatchThresholds, inPipeline: Bool, jobChanged: Bool,
    openedToWork: Bool
  ) -> (crossed: Bool, moved: Bool, pipeline: Bool) {
    let threshold = thresholds.notifyThreshold
    return (
      current >= threshold && (previous ?? 0) < threshold,
      previous.map { abs(current - $0) >= thresholds.notifyDelta } ?? false,
      inPipeline && (jobChanged || openedToWork)
    )
  }
}
