import Domain
import Foundation

/// Advisory scores, in a layout built for rescoring hundreds of thousands of pairs per second (migration
/// 32; SQL lives only here and in `MatchSnapshotStore`):
///
/// - `match_log`: every score ever written, packed per candidate and run (trigger, model, time, the
///   candidate's feature snapshot; per score the vacancy, criteria version and 7 feature points).
/// - `match_current`: per candidate one blob of current scores (`CurrentScores`) pointing into the log.
/// - `match_columns`: current totals vacancy-major, one byte per candidate id in chunks of 8,192 ids, for
///   ordered match lists; `match_column_patches`: each run's changed cells per vacancy (a few KB), applied
///   on read and folded into the chunks once a vacancy has `foldThreshold` of them, so a delta writes
///   kilobytes per vacancy instead of rewriting every chunk its candidates fall in.
/// - `match_counters`: how many scores were ever written.
///
/// Sentences are not stored: readers rebuild them from the snapshots (see `MatchSnapshotStore`).
public enum ScoreStore {
  /// Candidate ids per `match_columns` chunk.
  public static let chunkSize = 8192
  /// A column byte for "no score".
  static let none: UInt8 = 0xFF

  /// The chunk holding `candidateID` and its offset in it.
  static func position(_ candidateID: Int64) -> (chunk: Int64, offset: Int) {
    (candidateID / Int64(chunkSize), Int(candidateID % Int64(chunkSize)))
  }

  // MARK: - Writing

  /// Writes each candidate's changed scores: one log row, the merged current scores and the column bytes;
  /// a scoring without writes only records a new snapshot as the candidate's cached features. Returns how
  /// many scores were written. Run it inside the caller's transaction.
  @discardableResult
  public static func record(_ scorings: [CandidateScoring], in connection: Connection) throws
    -> Int
  {
    var written = 0
    var cells: [(vacancy: Int64, candidate: Int64, score: UInt8)] = []
    for scoring in scorings {
      var current = scoring.current
      if !scoring.writes.isEmpty {
        try connection.run(
          """
          INSERT INTO match_log (candidate_id, trigger, model_version, scored_at, snapshot_id,
            entry_count, entries) VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
          [
            .integer(scoring.candidateID), .text(scoring.trigger), .text(scoring.modelVersion),
            .date(scoring.scoredAt), SQLValue(scoring.snapshotID), SQLValue(scoring.writes.count),
            .blob(ScoreLogEntries.encode(scoring.writes)),
          ])
        current = current.applying(
          scoring.writes, logID: connection.lastInsertRowID, modelVersion: scoring.modelVersion)
        written += scoring.writes.count
        for write in scoring.writes {
          cells.append((write.vacancyID, scoring.candidateID, UInt8(clamping: write.score)))
        }
      } else if !scoring.isNewSnapshot || scoring.snapshotID == nil {
        continue
      }
      try connection.run(
        """
        INSERT INTO match_current (candidate_id, snapshot_id, scores) VALUES (?, ?, ?)
        ON CONFLICT (candidate_id) DO UPDATE SET
          snapshot_id = coalesce(excluded.snapshot_id, snapshot_id), scores = excluded.scores
        """,
        [.integer(scoring.candidateID), SQLValue(scoring.snapshotID), .blob(current.encoded())])
    }
    try setCells(cells, in: connection)
    if written > 0 {
      try connection.run(
        "UPDATE match_counters SET value = value + ? WHERE name = 'scores_written'",
        [SQLValue(written)])
    }
    return written
  }

  /// Pending patched cells of a vacancy above which the next write folds them into the chunks.
  static let foldThreshold = 16_384

  /// The fold threshold of one vacancy: `foldThreshold` plus up to 15/16 of it by vacancy id, so that
  /// vacancies filled by the same runs fold in different runs rather than all in one.
  static func foldThreshold(vacancyID: Int64) -> Int {
    foldThreshold + Int(vacancyID.magnitude % 16) * (foldThreshold / 16)
  }

  /// Records new column cells: per vacancy one patch row, or a fold of the vacancy's patches and these
  /// cells into its chunks once there are `foldThreshold` of them.
  static func setCells(
    _ cells: [(vacancy: Int64, candidate: Int64, score: UInt8)], in connection: Connection
  ) throws(StorageError) {
    let sorted = cells.sorted { ($0.vacancy, $0.candidate) < ($1.vacancy, $1.candidate) }
    var start = 0
    while start < sorted.count {
      let vacancy = sorted[start].vacancy
      var end = start
      while end < sorted.count && sorted[end].vacancy == vacancy { end += 1 }
      let group = sorted[start..<end].map { (candidate: $0.candidate, score: $0.score) }
      start = end
      let pending =
        try connection.queryOne(
          "SELECT coalesce(sum(cell_count), 0) FROM match_column_patches WHERE vacancy_id = ?",
          [.integer(vacancy)])?.int(0) ?? 0
      if Int(pending) + group.count >= foldThreshold(vacancyID: vacancy) {
        try fold(vacancyID: vacancy, extra: group, in: connection)
      } else {
        try connection.run(
          "INSERT INTO match_column_patches (vacancy_id, cell_count, cells) VALUES (?, ?, ?)",
          [.integer(vacancy), SQLValue(group.count), .blob(encodePatch(group))])
      }
    }
  }

  /// Applies a vacancy's patches and `extra` to its chunks, writes the chunks that changed and deletes
  /// the patches.
  static func fold(
    vacancyID: Int64, extra: [(candidate: Int64, score: UInt8)], in connection: Connection
  ) throws(StorageError) {
    var chunks = try chunks(vacancyID: vacancyID, in: connection)
    var dirty: Set<Int64> = []
    for patch in try patches(vacancyID: vacancyID, in: connection) {
      apply(patch, to: &chunks, dirty: &dirty)
    }
    apply(extra, to: &chunks, dirty: &dirty)
    for chunk in dirty.sorted() {
      try connection.run(
        """
        INSERT INTO match_columns (vacancy_id, chunk, scores) VALUES (?, ?, ?)
        ON CONFLICT (vacancy_id, chunk) DO UPDATE SET scores = excluded.scores
        """, [.integer(vacancyID), .integer(chunk), .blob(chunks[chunk] ?? [])])
    }
    try connection.run(
      "DELETE FROM match_column_patches WHERE vacancy_id = ?", [.integer(vacancyID)])
  }

  /// A vacancy's chunks by chunk number.
  static func chunks(vacancyID: Int64, in connection: Connection) throws(StorageError) -> [Int64:
    [UInt8]]
  {
    var chunks: [Int64: [UInt8]] = [:]
    for row in try connection.query(
      "SELECT chunk, scores FROM match_columns WHERE vacancy_id = ?", [.integer(vacancyID)])
    {
      if let chunk = row.int(0), let bytes = row.blob(1) { chunks[chunk] = bytes }
    }
    return chunks
  }

  /// A vacancy's pending patches, oldest first.
  static func patches(vacancyID: Int64, in connection: Connection) throws(StorageError) -> [[(
    candidate: Int64, score: UInt8
  )]] {
    try connection.query(
      "SELECT cells FROM match_column_patches WHERE vacancy_id = ? ORDER BY id",
      [.integer(vacancyID)]
    ).map { row throws(StorageError) in
      guard let bytes = row.blob(0), let cells = decodePatch(bytes) else {
        throw .inconsistency("match_column_patches: unreadable cells")
      }
      return cells
    }
  }

  /// Writes `cells` into `chunks`, growing them as needed, and notes which chunks changed.
  static func apply(
    _ cells: [(candidate: Int64, score: UInt8)], to chunks: inout [Int64: [UInt8]],
    dirty: inout Set<Int64>
  ) {
    for cell in cells {
      let (chunk, offset) = position(cell.candidate)
      var bytes = chunks.removeValue(forKey: chunk) ?? []
      if bytes.count <= offset {
        bytes += [UInt8](repeating: none, count: offset + 1 - bytes.count)
      }
      bytes[offset] = cell.score
      chunks[chunk] = bytes
      dirty.insert(chunk)
    }
  }

  /// Cells sorted by candidate as a count, then candidate id deltas and scores.
  static func encodePatch(_ cells: [(candidate: Int64, score: UInt8)]) -> [UInt8] {
    var writer = ByteWriter(capacity: 4 + cells.count * 3)
    writer.varint(cells.count)
    var previous: Int64 = 0
    for cell in cells {
      writer.varint(UInt64(max(0, cell.candidate - previous)))
      previous = cell.candidate
      writer.byte(cell.score)
    }
    return writer.bytes
  }

  /// Reads `encodePatch`'s form; nil when damaged.
  static func decodePatch(_ bytes: [UInt8]) -> [(candidate: Int64, score: UInt8)]? {
    var reader = ByteReader(bytes)
    guard let count = reader.int() else { return nil }
    var cells: [(candidate: Int64, score: UInt8)] = []
    cells.reserveCapacity(count)
    var candidate: Int64 = 0
    for _ in 0..<count {
      guard let delta = reader.varint(), let score = reader.byte() else { return nil }
      candidate += Int64(truncatingIfNeeded: delta)
      cells.append((candidate, score))
    }
    return reader.isAtEnd ? cells : nil
  }

  /// Deletes every score of a candidate from the columns and from every pending patch, at once (not
  /// by a later fold), for each vacancy it has a current score for. Part of `PurgeStore.purgeCandidate`.
  public static func eraseColumns(candidateID: Int64, in connection: Connection)
    throws(StorageError)
  {
    let (chunk, offset) = position(candidateID)
    for entry in try current(candidateID: candidateID, in: connection).entries {
      let vacancy = entry.vacancyID
      if var bytes = try connection.queryOne(
        "SELECT scores FROM match_columns WHERE vacancy_id = ? AND chunk = ?",
        [.integer(vacancy), .integer(chunk)])?.blob(0), offset < bytes.count
      {
        bytes[offset] = none
        try connection.run(
          "UPDATE match_columns SET scores = ? WHERE vacancy_id = ? AND chunk = ?",
          [.blob(bytes), .integer(vacancy), .integer(chunk)])
      }
      for row in try connection.query(
        "SELECT id, cells FROM match_column_patches WHERE vacancy_id = ?", [.integer(vacancy)])
      {
        guard let id = row.int(0), let bytes = row.blob(1), let cells = decodePatch(bytes),
          cells.contains(where: { $0.candidate == candidateID })
        else { continue }
        let kept = cells.filter { $0.candidate != candidateID }
        try connection.run(
          "UPDATE match_column_patches SET cell_count = ?, cells = ? WHERE id = ?",
          [SQLValue(kept.count), .blob(encodePatch(kept)), .integer(id)])
      }
    }
  }

  // MARK: - Reading

  /// The current scores of one candidate (empty when none).
  public static func current(candidateID: Int64, in connection: Connection) throws(StorageError)
    -> CurrentScores
  {
    guard
      let bytes = try connection.queryOne(
        "SELECT scores FROM match_current WHERE candidate_id = ?", [.integer(candidateID)])?.blob(0)
    else { return CurrentScores() }
    return try CurrentScores.decoded(bytes, candidateID: candidateID)
  }

  /// The current total of each candidate for one vacancy, by candidate id ascending: the chunks with the
  /// pending patches applied.
  public static func column(vacancyID: Int64, in connection: Connection) throws(StorageError)
    -> [(candidateID: Int64, score: Int)]
  {
    var chunks = try chunks(vacancyID: vacancyID, in: connection)
    var dirty: Set<Int64> = []
    for patch in try patches(vacancyID: vacancyID, in: connection) {
      apply(patch, to: &chunks, dirty: &dirty)
    }
    var result: [(candidateID: Int64, score: Int)] = []
    for chunk in chunks.keys.sorted() {
      let base = chunk * Int64(chunkSize)
      for (offset, byte) in (chunks[chunk] ?? []).enumerated() where byte != none {
        result.append((base + Int64(offset), Int(byte)))
      }
    }
    return result
  }

  /// One page of a vacancy's current scores: by score descending, then candidate id ascending, starting
  /// after `cursor`. Everyone is listed; the only bound is the page size.
  public static func matches(
    vacancyID: Int64, limit: Int, after cursor: ScoreCursor?, in connection: Connection
  ) throws(StorageError) -> [StoredScore] {
    // Bucket by score (candidates stay in id order within a bucket), then walk from the top.
    var buckets = [[Int64]](repeating: [], count: 256)
    for (candidate, score) in try column(vacancyID: vacancyID, in: connection) {
      buckets[score].append(candidate)
    }
    var picked: [(candidateID: Int64, score: Int)] = []
    var score = min(cursor?.score ?? 100, 100)
    while score >= 0 && picked.count < limit {
      for candidate in buckets[score] where picked.count < limit {
        if let cursor, score == cursor.score, candidate <= cursor.candidateID { continue }
        picked.append((candidate, score))
      }
      score -= 1
    }
    var result: [StoredScore] = []
    for (candidate, _) in picked {
      let current = try current(candidateID: candidate, in: connection)
      guard let entry = current.entry(vacancyID: vacancyID),
        let stored = try logEntry(
          logID: current.logID(of: entry), vacancyID: vacancyID, in: connection)
      else { throw .inconsistency("match_current: no logged score for a listed pair") }
      var score = stored
      score.isCurrent = true
      result.append(score)
    }
    return result
  }

  /// How many current scores a vacancy has.
  public static func count(vacancyID: Int64, in connection: Connection) throws(StorageError) -> Int
  {
    try column(vacancyID: vacancyID, in: connection).count
  }

  /// Every score a candidate ever had (current and history), by vacancy, then oldest first: how each
  /// score moved, for the candidate's explanation.
  public static func history(candidateID: Int64, in connection: Connection) throws(StorageError)
    -> [StoredScore]
  {
    let current = try current(candidateID: candidateID, in: connection)
    var result: [StoredScore] = []
    for row in try connection.query(
      "SELECT \(logColumns) FROM match_log WHERE candidate_id = ? ORDER BY id",
      [.integer(candidateID)])
    {
      for var score in try scores(of: row) {
        score.isCurrent =
          current.entry(vacancyID: score.vacancyID).map {
            current.logID(of: $0) == score.logID
          } ?? false
        result.append(score)
      }
    }
    return result.sorted {
      ($0.vacancyID, $0.scoredAt, $0.logID) < ($1.vacancyID, $1.scoredAt, $1.logID)
    }
  }

  /// Every candidate's current scores, by candidate id (for reports over all scores).
  public static func allCurrent(in connection: Connection) throws(StorageError) -> [(
    candidateID: Int64, scores: CurrentScores
  )] {
    try connection.query("SELECT candidate_id, scores FROM match_current ORDER BY candidate_id")
      .compactMap { row in
        guard let id = row.int(0), let bytes = row.blob(1),
          let scores = CurrentScores(encoded: bytes), !scores.isEmpty
        else { return nil }
        return (id, scores)
      }
  }

  /// How many scores were ever written.
  public static func scoresWritten(in connection: Connection) throws(StorageError) -> Int {
    Int(
      try connection.queryOne("SELECT value FROM match_counters WHERE name = 'scores_written'")?
        .int(0) ?? 0)
  }

  /// The columns `scores(of:)` reads.
  static let logColumns =
    "id, candidate_id, trigger, model_version, scored_at, snapshot_id, entries, legacy"

  /// The score for `vacancyID` in log row `logID` (not marked current).
  static func logEntry(logID: Int64, vacancyID: Int64, in connection: Connection)
    throws(StorageError) -> StoredScore?
  {
    guard
      let row = try connection.queryOne(
        "SELECT \(logColumns) FROM match_log WHERE id = ?", [.integer(logID)])
    else { return nil }
    return try scores(of: row).first { $0.vacancyID == vacancyID }
  }

  /// The scores of one log row.
  static func scores(of row: Row) throws(StorageError) -> [StoredScore] {
    guard let id = row.int(0), let candidate = row.int(1), let trigger = row.text(2),
      let model = row.text(3), let scoredAt = row.date(4), let bytes = row.blob(6),
      let entries = ScoreLogEntries.decode(bytes)
    else { throw .inconsistency("match_log: unreadable row") }
    let legacy = row.text(7).flatMap(LegacyScore.init(json:))
    return entries.map { entry in
      StoredScore(
        logID: id, candidateID: candidate, vacancyID: entry.vacancyID,
        score: legacy?.score ?? entry.points.total, points: entry.points, modelVersion: model,
        trigger: entry.byVacancy
          ? "vacancy:\(entry.vacancyID)@\(entry.criteriaVersion)" : trigger,
        scoredAt: scoredAt, isCurrent: false, criteriaVersion: entry.criteriaVersion,
        snapshotID: row.int(5), legacyContributions: legacy?.contributions)
    }
  }
}
