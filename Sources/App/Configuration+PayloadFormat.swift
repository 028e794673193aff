extension Configuration {
  /// Which adapter turns a source's payloads into signals; names as written in the configuration file.
  public enum PayloadFormat: String, Sendable, Equatable, CaseIterable {
    /// talentwatch's own canonical events (`person.job_changed`, ...).
    case canonical
    /// Crustdata watch notifications.
    case crustdataWatch = "crustdata-watch"
    /// Crustdata's older watcher payloads.
    case crustdataLegacyWatcher = "crustdata-legacy-watcher"
    /// Coresignal change deliveries.
    case coresignal
    /// TAMradar signals.
    case tamradar
  }
}
