public import Foundation

/// The `data` object of an outbound event and of a feed entry: who, what changed, when, and for scores
/// the breakdown. Never contact data, never the provider's raw payload.
public struct NotificationData: Sendable, Hashable, Codable {
  /// A reference to a record by id.
  public struct Reference: Sendable, Hashable, Codable {
    /// The internal id (a candidate or vacancy row id, or a user id).
    public var id: String

    /// Creates a reference.
    public init(id: String) { self.id = id }
  }

  /// The recruiter the notification is for.
  public var recruiter: Reference
  /// The candidate, when there is one.
  public var candidate: Reference?
  /// The vacancy, when one is involved.
  public var vacancy: Reference?
  /// One line for a human.
  public var summary: String
  /// What changed, before → after (coalesced across a digest: earliest before, latest after per field).
  public var changes: [NotificationChange]
  /// For score events: the score and its breakdown.
  public var score: NotificationScore?
  /// When the provider saw the (latest) change, RFC 3339.
  public var observedAt: Date
  /// How many events this notification stands for (more than 1 for a digest).
  public var eventCount: Int
  /// The kinds of the events it stands for, in order of arrival, without repeats.
  public var eventTypes: [String]

  /// Creates data.
  public init(
    recruiter: String, candidateID: Int64?, vacancyID: Int64?, summary: String,
    changes: [NotificationChange], score: NotificationScore?, observedAt: Date,
    eventTypes: [String],
    eventCount: Int = 1
  ) {
    self.recruiter = Reference(id: recruiter)
    self.candidate = candidateID.map { Reference(id: String($0)) }
    self.vacancy = vacancyID.map { Reference(id: String($0)) }
    self.summary = summary
    self.changes = changes
    self.score = score
    self.observedAt = observedAt
    self.eventCount = eventCount
    self.eventTypes = eventTypes
  }

  /// This digest with `later` folded in: per field the earliest `before` and the latest `after`, the
  /// latest score (with its vacancy) and observation time, and a summary that says how many changes it
  /// holds.
  public func merging(_ later: NotificationData) -> NotificationData {
    var merged = self
    for change in later.changes {
      if let index = merged.changes.firstIndex(where: { $0.field == change.field }) {
        merged.changes[index].after = change.after
      } else {
        merged.changes.append(change)
      }
    }
    merged.score = later.score ?? score
    merged.observedAt = max(observedAt, later.observedAt)
    merged.eventCount = eventCount + later.eventCount
    for type in later.eventTypes where !merged.eventTypes.contains(type) {
      merged.eventTypes.append(type)
    }
    // The vacancy goes with the score: a digest over several vacancies carries the breakdown of the
    // latest pass's largest move, which must not be shown under an earlier pass's vacancy.
    merged.vacancy = later.score != nil ? (later.vacancy ?? vacancy) : (vacancy ?? later.vacancy)
    merged.summary = "\(merged.eventCount) changes; latest: \(later.summary)"
    return merged
  }

  enum CodingKeys: String, CodingKey {
    case recruiter, candidate, vacancy, summary, changes, score
    case observedAt = "observed_at"
    case eventCount = "event_count"
    case eventTypes = "event_types"
  }

  /// The encoder every producer and the dispatcher use: sorted keys, RFC 3339 dates in UTC.
  public static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(NotificationTime.rfc3339(date))
    }
    return encoder
  }

  /// The matching decoder.
  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      let text = try container.decode(String.self)
      guard let date = NotificationTime.parse(text) else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "expected an RFC 3339 time")
      }
      return date
    }
    return decoder
  }
}
