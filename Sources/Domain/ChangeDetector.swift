/// Compares a candidate's record before and after a refresh and lists what changed.
///
/// Pure. Rules:
/// - **job changed**: the current employer differs (case and surrounding space ignored), or a current
///   position appears or disappears; before/after read `title at company`. A job change also covers the
///   title, so no separate title or company event is emitted for it.
/// - **title changed**: same employer, different current title.
/// - **company changed**: the employer differs but no title is known on either side (never emitted
///   together with a job change).
/// - **location changed**: the raw location text differs.
/// - **open to work**: the flag flipped.
/// - **skills changed**: the set of skills differs (case and spacing ignored, order ignored).
/// A first enrichment (no previous profile) reports nothing: there is nothing to compare against.
public struct ChangeDetector: Sendable {
  /// Creates a detector.
  public init() {}

  /// The changes from `before` to `after`, in a fixed order (job, title, company, location, open to
  /// work, skills); empty when `before` is nil or nothing the recruiters track changed.
  public func changes(from before: CandidateProfile?, to after: CandidateProfile) -> [ChangeEvent] {
    guard let before else { return [] }
    var events: [ChangeEvent] = []
    let oldCompany = Self.folded(before.currentCompany)
    let newCompany = Self.folded(after.currentCompany)
    let oldTitle = Self.folded(before.currentTitle)
    let newTitle = Self.folded(after.currentTitle)
    if oldCompany != newCompany {
      if oldTitle == nil && newTitle == nil {
        events.append(
          ChangeEvent(
            kind: .companyChanged, before: Self.trimmed(before.currentCompany),
            after: Self.trimmed(after.currentCompany)))
      } else {
        events.append(
          ChangeEvent(
            kind: .jobChanged, before: Self.position(before), after: Self.position(after)))
      }
    } else if oldTitle != newTitle {
      events.append(
        ChangeEvent(
          kind: .titleChanged, before: Self.trimmed(before.currentTitle),
          after: Self.trimmed(after.currentTitle)))
    }
    if Self.folded(before.location?.raw) != Self.folded(after.location?.raw) {
      events.append(
        ChangeEvent(
          kind: .locationChanged, before: Self.trimmed(before.location?.raw),
          after: Self.trimmed(after.location?.raw)))
    }
    if before.openToWork != after.openToWork {
      events.append(
        ChangeEvent(
          kind: .openToWorkChanged, before: String(before.openToWork),
          after: String(after.openToWork)))
    }
    let oldSkills = Self.skillSet(before.skills)
    let newSkills = Self.skillSet(after.skills)
    if oldSkills.keys != newSkills.keys {
      events.append(
        ChangeEvent(
          kind: .skillsChanged, before: Self.listed(oldSkills), after: Self.listed(newSkills)))
    }
    return events
  }

  /// `title at company`, either part alone when the other is unknown, nil when both are.
  private static func position(_ profile: CandidateProfile) -> String? {
    switch (trimmed(profile.currentTitle), trimmed(profile.currentCompany)) {
    case (let title?, let company?): "\(title) at \(company)"
    case (let title?, nil): title
    case (nil, let company?): company
    case (nil, nil): nil
    }
  }

  /// Lower-cased with runs of white space collapsed; nil for nil or blank text.
  private static func folded(_ text: String?) -> String? {
    trimmed(text).map { $0.lowercased() }
  }

  /// Trimmed, with inner runs of white space collapsed; nil for nil or blank text.
  private static func trimmed(_ text: String?) -> String? {
    guard let text else { return nil }
    let words = text.split(whereSeparator: { $0.isWhitespace })
    return words.isEmpty ? nil : words.joined(separator: " ")
  }

  /// Folded skill → first spelling seen.
  private static func skillSet(_ skills: [String]) -> [String: String] {
    var set: [String: String] = [:]
    for skill in skills {
      guard let key = folded(skill), let shown = trimmed(skill) else { continue }
      if set[key] == nil { set[key] = shown }
    }
    return set
  }

  /// The skills sorted by folded name and joined by `, `; nil when there are none.
  private static func listed(_ set: [String: String]) -> String? {
    set.isEmpty ? nil : set.keys.sorted().compactMap { set[$0] }.joined(separator: ", ")
  }
}
