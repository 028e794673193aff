import Domain

/// The `match_log.entries` format: a version byte, a count, then per score the vacancy id as a delta from
/// the previous one, `criteria_version << 1 | by_vacancy` and the 7 feature points. Entries are sorted by
/// vacancy id, so a delta run's entries cost about 9 bytes each.
enum ScoreLogEntries {
  /// One decoded entry.
  struct Entry: Sendable, Hashable {
    /// The vacancy.
    var vacancyID: Int64
    /// The criteria version scored against.
    var criteriaVersion: Int64
    /// Whether the vacancy's edit triggered it.
    var byVacancy: Bool
    /// The points.
    var points: MatchPoints
  }

  /// Encodes writes sorted by vacancy id.
  static func encode(_ writes: [ScoreWrite]) -> [UInt8] {
    var writer = ByteWriter(capacity: 4 + writes.count * 10)
    writer.byte(1)
    writer.varint(writes.count)
    var previous: Int64 = 0
    for write in writes {
      writer.varint(UInt64(max(0, write.vacancyID - previous)))
      previous = write.vacancyID
      writer.varint(UInt64(max(0, write.criteriaVersion)) << 1 | (write.byVacancy ? 1 : 0))
      for index in 0..<MatchPoints.count { writer.byte(UInt8(write.points[index])) }
    }
    return writer.bytes
  }

  /// Decodes entries; nil when damaged.
  static func decode(_ bytes: [UInt8]) -> [Entry]? {
    var reader = ByteReader(bytes)
    guard reader.byte() == 1, let count = reader.int() else { return nil }
    var entries: [Entry] = []
    entries.reserveCapacity(count)
    var vacancy: Int64 = 0
    for _ in 0..<count {
      guard let delta = reader.varint(), let version = reader.varint(),
        let raw = reader.raw(MatchPoints.count), let points = MatchPoints(bytes: raw)
      else { return nil }
      vacancy += Int64(truncatingIfNeeded: delta)
      entries.append(
        Entry(
          vacancyID: vacancy, criteriaVersion: Int64(truncatingIfNeeded: version >> 1),
          byVacancy: version & 1 == 1, points: points))
    }
    return reader.isAtEnd ? entries : nil
  }
}
