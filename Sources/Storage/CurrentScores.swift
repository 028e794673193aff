import Domain

/// One candidate's current scores, as stored in `match_current.scores`: per vacancy (sorted by id) the
/// total, the criteria version it was computed against and the `match_log` row holding its breakdown, with
/// the model version of each such row. Compact on purpose: a full rescoring holds thousands of these.
public struct CurrentScores: Sendable, Hashable {
  /// The current score for one vacancy.
  public struct Entry: Sendable, Hashable {
    /// The vacancy.
    public var vacancyID: Int64
    /// The vacancy's criteria version the score was computed against.
    public var criteriaVersion: Int32
    /// The total, 0–100.
    public var score: UInt8
    /// Index into `sources`.
    public var source: UInt16
  }

  /// A `match_log` row current scores come from.
  public struct Source: Sendable, Hashable {
    /// The row id.
    public var logID: Int64
    /// The model that wrote it.
    public var modelVersion: String
  }

  /// The current scores, sorted by vacancy id.
  public private(set) var entries: [Entry] = []
  /// The log rows they come from.
  public private(set) var sources: [Source] = []

  /// No scores.
  public init() {}

  /// Whether there is no current score.
  public var isEmpty: Bool { entries.isEmpty }

  /// The current score for `vacancyID`, if any.
  public func entry(vacancyID: Int64) -> Entry? {
    var low = 0
    var high = entries.count
    while low < high {
      let mid = (low + high) / 2
      if entries[mid].vacancyID < vacancyID { low = mid + 1 } else { high = mid }
    }
    return low < entries.count && entries[low].vacancyID == vacancyID ? entries[low] : nil
  }

  /// The model version of `entry`.
  public func modelVersion(of entry: Entry) -> String {
    Int(entry.source) < sources.count ? sources[Int(entry.source)].modelVersion : ""
  }

  /// The log row of `entry`.
  public func logID(of entry: Entry) -> Int64 {
    Int(entry.source) < sources.count ? sources[Int(entry.source)].logID : 0
  }

  /// These scores with `writes` (sorted by vacancy id) written in log row `logID` by `modelVersion`;
  /// sources no longer referenced are dropped.
  public func applying(_ writes: [ScoreWrite], logID: Int64, modelVersion: String) -> CurrentScores
  {
    var merged: [(entry: Entry, source: Source)] = []
    merged.reserveCapacity(entries.count + writes.count)
    let newSource = Source(logID: logID, modelVersion: modelVersion)
    var old = 0
    var new = 0
    while old < entries.count || new < writes.count {
      if new < writes.count
        && (old >= entries.count || writes[new].vacancyID <= entries[old].vacancyID)
      {
        let write = writes[new]
        if old < entries.count && entries[old].vacancyID == write.vacancyID { old += 1 }
        merged.append(
          (
            Entry(
              vacancyID: write.vacancyID, criteriaVersion: Int32(clamping: write.criteriaVersion),
              score: UInt8(clamping: write.score), source: 0), newSource
          ))
        new += 1
      } else {
        merged.append((entries[old], sources[Int(entries[old].source)]))
        old += 1
      }
    }
    var result = CurrentScores()
    var index: [Int64: UInt16] = [:]
    for (entry, source) in merged {
      var copy = entry
      if let known = index[source.logID] {
        copy.source = known
      } else {
        copy.source = UInt16(clamping: result.sources.count)
        index[source.logID] = copy.source
        result.sources.append(source)
      }
      result.entries.append(copy)
    }
    return result
  }

  /// These scores with the total for `vacancyID` replaced (migrated scores keep their stored total).
  func settingScore(_ score: Int, vacancyID: Int64) -> CurrentScores {
    var copy = self
    if let index = copy.entries.firstIndex(where: { $0.vacancyID == vacancyID }) {
      copy.entries[index].score = UInt8(clamping: score)
    }
    return copy
  }

  /// The stored form: a version byte, the model versions, the sources, then the entries with vacancy ids
  /// as deltas (a varint each, usually one byte), the score, criteria version and source index.
  public func encoded() -> [UInt8] {
    var writer = ByteWriter(capacity: 16 + entries.count * 4)
    writer.byte(1)
    var models: [String] = []
    for source in sources where !models.contains(source.modelVersion) {
      models.append(source.modelVersion)
    }
    writer.varint(models.count)
    for model in models { writer.string(model) }
    writer.varint(sources.count)
    for source in sources {
      writer.varint(UInt64(max(0, source.logID)))
      writer.varint(models.firstIndex(of: source.modelVersion) ?? 0)
    }
    writer.varint(entries.count)
    var previous: Int64 = 0
    for entry in entries {
      writer.varint(UInt64(max(0, entry.vacancyID - previous)))
      previous = entry.vacancyID
      writer.byte(entry.score)
      writer.varint(Int(entry.criteriaVersion))
      writer.varint(Int(entry.source))
    }
    return writer.bytes
  }

  /// Reads candidate `candidateID`'s stored form; a damaged one is an inconsistency, never read as empty
  /// (rescoring over it would overwrite the other entries while their cells stay in the columns).
  static func decoded(_ bytes: [UInt8], candidateID: Int64) throws(StorageError) -> CurrentScores {
    guard let scores = CurrentScores(encoded: bytes) else {
      throw .inconsistency("match_current: unreadable scores of candidate \(candidateID)")
    }
    return scores
  }

  /// Reads the stored form; nil when damaged.
  public init?(encoded bytes: [UInt8]) {
    var reader = ByteReader(bytes)
    guard reader.byte() == 1, let modelCount = reader.int() else { return nil }
    var models: [String] = []
    for _ in 0..<modelCount {
      guard let model = reader.string() else { return nil }
      models.append(model)
    }
    guard let sourceCount = reader.int() else { return nil }
    for _ in 0..<sourceCount {
      guard let log = reader.varint(), let model = reader.int(), model < models.count else {
        return nil
      }
      sources.append(Source(logID: Int64(truncatingIfNeeded: log), modelVersion: models[model]))
    }
    guard let count = reader.int() else { return nil }
    entries.reserveCapacity(count)
    var vacancy: Int64 = 0
    for _ in 0..<count {
      guard let delta = reader.varint(), let score = reader.byte(), let version = reader.int(),
        let source = reader.int(), source < sources.count
      else { return nil }
      vacancy += Int64(truncatingIfNeeded: delta)
      entries.append(
        Entry(
          vacancyID: vacancy, criteriaVersion: Int32(clamping: version), score: score,
          source: UInt16(source)))
    }
    guard reader.isAtEnd else { return nil }
  }
}
