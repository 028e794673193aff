public import Foundation

/// Feature snapshots: the exact features a score was computed from, in a compact binary form that names
/// skills, words and places as text (ids are only meaningful inside one builder). A snapshot read back into
/// any builder gives features that score exactly as the originals did, without the synonym tables or the
/// profile, so a stored score can be re-explained and a full rescoring can skip decoding profiles.
extension FeatureBuilder {
  /// The format version written first in every snapshot.
  static let snapshotVersion: UInt8 = 1

  /// A candidate's features as a snapshot; `features` must come from this builder.
  public func snapshot(of features: CandidateFeatures) -> [UInt8] {
    var writer = ByteWriter(capacity: 256)
    writer.byte(Self.snapshotVersion)
    writer.varint(features.skills.count)
    for id in features.skills { writer.string(skillInterner.string(for: id) ?? "") }
    // Title words: one table for the current title and every position, then indices into it.
    var table: [Int32] = []
    var index: [Int32: Int] = [:]
    for id in features.titleTokens + features.spanTokens where index[id] == nil {
      index[id] = table.count
      table.append(id)
    }
    writer.varint(table.count)
    for id in table { writer.string(titleInterner.string(for: id) ?? "") }
    writer.varint(features.titleTokens.count)
    for id in features.titleTokens { writer.varint(index[id] ?? 0) }
    writer.byte(features.seniority.map { UInt8($0.rawValue + 1) } ?? 0)
    writer.varint(features.locationKeys.count)
    for id in features.locationKeys { writer.string(locationInterner.string(for: id) ?? "") }
    writer.byte(features.openToWork ? 1 : 0)
    writer.varint(features.undatedPositions)
    writer.optionalString(features.titleLabel)
    writer.optionalString(features.locationLabel)
    writer.varint(features.spans.count)
    for span in features.spans {
      writer.signed(Int64(span.start))
      writer.signed(Int64(span.end))
      let tokens = features.spanTokens[Int(span.tokenStart)..<Int(span.tokenEnd)]
      writer.varint(tokens.count)
      for id in tokens { writer.varint(index[id] ?? 0) }
    }
    return writer.bytes
  }

  /// Features read back from a candidate snapshot, interned in this builder; nil when the snapshot is
  /// damaged or of an unknown format.
  public mutating func features(candidateSnapshot bytes: [UInt8], candidateID: String)
    -> CandidateFeatures?
  {
    var reader = ByteReader(bytes)
    guard reader.byte() == Self.snapshotVersion, let skillCount = reader.int() else { return nil }
    var skills: [Int32] = []
    for _ in 0..<skillCount {
      guard let text = reader.string() else { return nil }
      skills.append(skillInterner.intern(text))
    }
    guard let tableCount = reader.int() else { return nil }
    var table: [Int32] = []
    for _ in 0..<tableCount {
      guard let text = reader.string() else { return nil }
      table.append(titleInterner.intern(text))
    }
    func word(_ reader: inout ByteReader) -> Int32? {
      guard let position = reader.int(), position < table.count else { return nil }
      return table[position]
    }
    guard let titleCount = reader.int() else { return nil }
    var titleTokens: [Int32] = []
    for _ in 0..<titleCount {
      guard let id = word(&reader) else { return nil }
      titleTokens.append(id)
    }
    guard let level = reader.byte() else { return nil }
    let seniority = level == 0 ? nil : Seniority(rawValue: Int(level) - 1)
    guard level == 0 || seniority != nil, let keyCount = reader.int() else { return nil }
    var keys: [Int32] = []
    for _ in 0..<keyCount {
      guard let text = reader.string() else { return nil }
      keys.append(locationInterner.intern(text))
    }
    guard let open = reader.byte(), let undated = reader.int(),
      let titleLabel = reader.optionalString(), let locationLabel = reader.optionalString(),
      let spanCount = reader.int()
    else { return nil }
    var spans: [CandidateFeatures.Span] = []
    var spanTokens: [Int32] = []
    for _ in 0..<spanCount {
      guard let start = reader.signed(), let end = reader.signed(), let count = reader.int(),
        let start32 = Int32(exactly: start), let end32 = Int32(exactly: end)
      else { return nil }
      var tokens: [Int32] = []
      for _ in 0..<count {
        guard let id = word(&reader) else { return nil }
        tokens.append(id)
      }
      let first = Int32(spanTokens.count)
      spanTokens += Self.sortedDistinct(tokens)
      spans.append(
        .init(start: start32, end: end32, tokenStart: first, tokenEnd: Int32(spanTokens.count)))
    }
    guard reader.isAtEnd else { return nil }
    return CandidateFeatures(
      candidateID: candidateID, skills: Self.sortedDistinct(skills),
      titleTokens: Self.sortedDistinct(titleTokens), seniority: seniority,
      locationKeys: Self.sortedDistinct(keys), openToWork: open != 0, undatedPositions: undated,
      titleLabel: titleLabel, locationLabel: locationLabel, spans: spans, spanTokens: spanTokens)
  }

  /// A vacancy's features as a snapshot; `features` must come from this builder.
  public func snapshot(of features: VacancyFeatures) -> [UInt8] {
    var writer = ByteWriter(capacity: 256)
    writer.byte(Self.snapshotVersion)
    for (ids, names) in [
      (features.requiredSkills, features.requiredNames),
      (features.preferredSkills, features.preferredNames),
    ] {
      writer.varint(ids.count)
      for (id, name) in zip(ids, names) {
        writer.string(skillInterner.string(for: id) ?? "")
        writer.string(name)
      }
    }
    writer.varint(features.titles.count)
    for (words, name) in zip(features.titles, features.titleNames) {
      writer.varint(words.count)
      for id in words { writer.string(titleInterner.string(for: id) ?? "") }
      writer.string(name)
    }
    writer.varint(features.locations.count)
    for (parts, name) in zip(features.locations, features.locationNames) {
      writer.varint(parts.count)
      for id in parts { writer.string(locationInterner.string(for: id) ?? "") }
      writer.string(name)
    }
    writer.byte(features.remoteAllowed ? 1 : 0)
    writer.signed(Int64(features.minimumMonths))
    if let band = features.seniority {
      writer.byte(UInt8(band.lowerBound.rawValue + 1))
      writer.byte(UInt8(band.upperBound.rawValue + 1))
    } else {
      writer.byte(0)
    }
    return writer.bytes
  }

  /// Features read back from a vacancy snapshot, interned in this builder; nil when damaged.
  public mutating func features(vacancySnapshot bytes: [UInt8], vacancyID: String)
    -> VacancyFeatures?
  {
    var reader = ByteReader(bytes)
    guard reader.byte() == Self.snapshotVersion else { return nil }
    var skillLists: [(ids: [Int32], names: [String])] = []
    for _ in 0..<2 {
      guard let count = reader.int() else { return nil }
      var list: (ids: [Int32], names: [String]) = ([], [])
      for _ in 0..<count {
        guard let key = reader.string(), let name = reader.string() else { return nil }
        list.ids.append(skillInterner.intern(key))
        list.names.append(name)
      }
      skillLists.append(list)
    }
    var groups: [[(ids: [Int32], name: String)]] = []
    for vocabulary in 0..<2 {
      guard let count = reader.int() else { return nil }
      var list: [(ids: [Int32], name: String)] = []
      for _ in 0..<count {
        guard let size = reader.int(), size <= FeatureLanes.maxGroupSize else { return nil }
        var ids: [Int32] = []
        for _ in 0..<size {
          guard let text = reader.string() else { return nil }
          ids.append(
            vocabulary == 0 ? titleInterner.intern(text) : locationInterner.intern(text))
        }
        guard let name = reader.string() else { return nil }
        list.append((Self.sortedDistinct(ids), name))
      }
      groups.append(list)
    }
    guard let remote = reader.byte(), let months = reader.signed(),
      let minimum = Int32(exactly: months), let low = reader.byte()
    else { return nil }
    var band: ClosedRange<Seniority>?
    if low != 0 {
      guard let high = reader.byte(), let lower = Seniority(rawValue: Int(low) - 1),
        let upper = Seniority(rawValue: Int(high) - 1), lower <= upper
      else { return nil }
      band = lower...upper
    }
    guard reader.isAtEnd else { return nil }
    return VacancyFeatures(
      vacancyID: vacancyID, required: skillLists[0].ids, requiredNames: skillLists[0].names,
      preferred: skillLists[1].ids, preferredNames: skillLists[1].names,
      titles: groups[0].map(\.ids), titleNames: groups[0].map(\.name),
      locations: groups[1].map(\.ids), locationNames: groups[1].map(\.name),
      remoteAllowed: remote != 0, minimumMonths: minimum, seniority: band)
  }

  /// Sorted distinct ids (the order every id set of the features is kept in).
  static func sortedDistinct(_ ids: [Int32]) -> [Int32] {
    Array(Set(ids)).sorted()
  }
}

extension FeatureBuilder {
  /// A candidate snapshot in words, for exports: skills, title words, seniority, places, open to work,
  /// and each dated position as months with its title words. Nil when the snapshot is unreadable.
  public static func describe(candidateSnapshot bytes: [UInt8]) -> String? {
    guard var builder = try? FeatureBuilder(skillSynonyms: .empty, titleSynonyms: .empty),
      let features = builder.features(candidateSnapshot: bytes, candidateID: "")
    else { return nil }
    func words(_ ids: some Sequence<Int32>, _ interner: Interner) -> String {
      ids.compactMap { interner.string(for: $0) }.joined(separator: ", ")
    }
    func month(_ index: Int32) -> String {
      let year = index / 12
      let month = index % 12 + 1
      return "\(year)-\(month < 10 ? "0" : "")\(month)"
    }
    var parts = [
      "skills: \(words(features.skills, builder.skillInterner))",
      "title words: \(words(features.titleTokens, builder.titleInterner))",
      "seniority: \(features.seniority?.label ?? "unknown")",
      "location: \(words(features.locationKeys, builder.locationInterner))",
      "open to work: \(features.openToWork ? "yes" : "no")",
    ]
    for span in features.spans {
      let tokens = features.spanTokens[Int(span.tokenStart)..<Int(span.tokenEnd)]
      parts.append(
        "position \(month(span.start)) to \(month(span.end - 1)): \(words(tokens, builder.titleInterner))"
      )
    }
    return parts.joined(separator: "; ")
  }
}

extension FeatureBuilder {
  /// The month a snapshot taken at `date` is valid for: features built from the same profile in the same
  /// month are equal (current positions end at the month of `asOf`).
  public static func snapshotMonth(_ date: Date) -> Int { Int(FeatureCalendar.monthIndex(date)) }
}
