import Foundation

/// The pure rules of the audit hash chain: how an entry's hash is computed and how a run of entries is
/// checked. The hash function is injected (SHA-256 in production), so the rules need no crypto library.
public struct AuditChain: Sendable {
  /// The previous hash of the very first entry.
  public static let genesisHash = String(repeating: "0", count: 64)

  private let digest: @Sendable ([UInt8]) -> String

  /// A chain whose hashes are `digest` (hex) of the bytes given.
  public init(digest: @escaping @Sendable ([UInt8]) -> String) { self.digest = digest }

  /// The hash of an entry with `canonicalContent` following `prevHash`.
  public func hash(prevHash: String, canonicalContent: String) -> String {
    digest(Array((prevHash + "\n" + canonicalContent).utf8))
  }

  /// Canonical JSON of `details`: sorted keys, no whitespace.
  public static func canonicalDetails(_ details: [String: String]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(details) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// A streaming verifier: feed entries in `seq` order, then read `result`.
  public func verifier() -> Verifier { Verifier(chain: self) }

  /// Checks entries one at a time in `seq` order and remembers the first that does not fit.
  public struct Verifier: Sendable {
    private let chain: AuditChain
    private var previous: AuditEntry?
    private var checked = 0
    private var failure: AuditVerification.Failure?
    private var first: AuditEntry?
    private var anchors: [Int64: String] = [:]

    /// A verifier that has seen nothing yet.
    init(chain: AuditChain) { self.chain = chain }

    /// Checks `entry` against the one before it (and its own hash).
    public mutating func feed(_ entry: AuditEntry) {
      guard failure == nil else { return }
      checked += 1
      if entry.action == .anchor {
        let values = entry.detailValues
        if let through = values["pruned_through_seq"].flatMap(Int64.init),
          let head = values["pruned_head_hash"]
        {
          anchors[through] = head
        }
      }
      let expected = chain.hash(prevHash: entry.prevHash, canonicalContent: entry.canonicalContent)
      if expected != entry.hash {
        failure = .init(seq: entry.seq, reason: "its content does not match its hash (edited)")
        return
      }
      if let previous {
        if entry.seq != previous.seq + 1 {
          failure = .init(
            seq: entry.seq, reason: "entries \(previous.seq + 1)…\(entry.seq - 1) are missing")
        } else if entry.prevHash != previous.hash {
          failure = .init(
            seq: entry.seq, reason: "its previous hash does not match entry \(previous.seq)")
        }
      } else {
        first = entry
      }
      previous = entry
    }

    /// Records that the entry at `seq` could not even be read as an entry (a column of the wrong type).
    public mutating func reject(seq: Int64, reason: String) {
      guard failure == nil else { return }
      checked += 1
      failure = .init(seq: seq, reason: reason)
    }

    /// The outcome: the first entry that does not fit, if any. The first entry must start the chain
    /// (genesis) or continue the pruned head an anchor entry recorded.
    public var result: AuditVerification {
      let head = previous.map { AuditHead(seq: $0.seq, hash: $0.hash) }
      if let failure { return AuditVerification(checked: checked, failure: failure, head: head) }
      if let first, first.prevHash != AuditChain.genesisHash,
        anchors[first.seq - 1] != first.prevHash
      {
        return AuditVerification(
          checked: checked,
          failure: .init(
            seq: first.seq,
            reason:
              "it is the oldest entry but neither starts the chain nor follows a recorded anchor"))
      }
      return AuditVerification(checked: checked, failure: nil, head: head)
    }
  }
}
