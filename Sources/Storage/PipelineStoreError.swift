/// Why the pipeline store refused a write.
public enum PipelineStoreError: Error, Sendable, Hashable {
  /// A stage is always set by a human: the acting user id is required (a CHECK constraint backs this).
  case missingActingUser
  /// The stage name is empty.
  case invalidStage
  /// There is no pipeline entry with that id.
  case entryNotFound
  /// The candidate or the vacancy does not exist.
  case candidateOrVacancyNotFound
  /// The candidate is already in that vacancy's pipeline.
  case alreadyInPipeline(entryID: Int64)
}
