extension Configuration {
  /// What a user of the admin API may do.
  public enum Role: String, Sendable, Equatable, CaseIterable {
    /// Works with candidates, vacancies and the pipeline.
    case recruiter
    /// Runs the system: inbox, replays, notifications.
    case `operator`
    /// Everything, including erasure and configuration-level actions.
    case admin
  }
}
