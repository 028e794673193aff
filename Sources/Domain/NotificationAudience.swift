/// Who owns what the event touches: the pipeline entry's owner and the vacancy's owner.
public struct NotificationAudience: Sendable, Hashable {
  /// The recruiter who owns the pipeline entry, if the candidate is in a pipeline.
  public var pipelineOwner: String?
  /// The owner of the vacancy, if a vacancy is involved.
  public var vacancyOwner: String?

  /// Creates an audience.
  public init(pipelineOwner: String?, vacancyOwner: String?) {
    self.pipelineOwner = pipelineOwner
    self.vacancyOwner = vacancyOwner
  }

  /// The distinct recipients, pipeline owner first; empty ids are dropped.
  public var recipients: [String] {
    var result: [String] = []
    for id in [pipelineOwner, vacancyOwner].compactMap({ $0 }) where !id.isEmpty {
      if !result.contains(id) { result.append(id) }
    }
    return result
  }
}
