/// Why a body could not be decoded; the reason goes into the inbox's quarantine column.
///
/// The reason names JSON paths, types and byte offsets only, never values from the payload, which are
/// personal data: `results[2].record.crustdata_person_id: expected an integer or a string`.
public struct AdapterError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A short reason, safe to store and log.
  public var reason: String

  /// Creates an error with a reason that must not contain payload values.
  public init(reason: String) {
    self.reason = reason
  }

  /// Creates an error about the value at `path`: `"<path>: <problem>"`.
  init(at path: JSONPath, _ problem: String) {
    self.reason = "\(path): \(problem)"
  }

  /// The reason.
  public var description: String { reason }
}
