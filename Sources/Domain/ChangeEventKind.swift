/// What a change event reports; the raw value is what `change_events.kind` stores.
public enum ChangeEventKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// A new current position: the employer changed (before/after are `title at company`).
  case jobChanged = "job_changed"
  /// The current title changed at the same employer.
  case titleChanged = "title_changed"
  /// The current employer changed while no title is known on either side (so it cannot be called a
  /// job change with a position).
  case companyChanged = "company_changed"
  /// The location changed.
  case locationChanged = "location_changed"
  /// The open-to-work signal was switched on or off (before/after are `true`/`false`).
  case openToWorkChanged = "open_to_work_changed"
  /// Skills were added or removed (before/after are the sorted skill lists joined by `, `).
  case skillsChanged = "skills_changed"
  /// A refresh failed for good; `after` names the failure kind, never a payload.
  case refreshFailed = "refresh.failed"
}
