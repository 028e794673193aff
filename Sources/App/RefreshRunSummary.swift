/// What one refresh run did, for the command's output, the service's log line and tests.
struct RefreshRunSummary: Sendable, Equatable, Encodable {
  /// In-flight items left by an earlier run found already refreshed (no new call).
  var recoveredDone = 0
  /// In-flight items left by an earlier run put back to planned and retried.
  var recoveredReplanned = 0
  /// Items claimed in this run.
  var claimed = 0
  /// Items refreshed.
  var done = 0
  /// Items failed for good (each with a `refresh.failed` change event).
  var failed = 0
  /// Items put back to planned after a transient provider error.
  var retried = 0
  /// Answers dropped because the candidate was erased or purged during the provider call.
  var dropped = 0
  /// Change events written.
  var changeEvents = 0
  /// Provider calls made (batches).
  var providerCalls = 0

  private enum CodingKeys: String, CodingKey {
    case recoveredDone = "recovered_done"
    case recoveredReplanned = "recovered_replanned"
    case claimed, done, failed, retried, dropped
    case changeEvents = "change_events"
    case providerCalls = "provider_calls"
  }

  /// One line for people.
  var sentence: String {
    "refreshed \(done), failed \(failed), retried later \(retried), "
      + (dropped > 0 ? "dropped (candidate erased meanwhile) \(dropped), " : "")
      + "change events \(changeEvents), "
      + "provider calls \(providerCalls); recovered from an earlier run: \(recoveredDone) already done, "
      + "\(recoveredReplanned) re-planned"
  }
}
