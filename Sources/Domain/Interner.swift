/// Maps strings to dense `Int32` ids (0, 1, 2, ...) so the scoring kernel compares integers, not text.
///
/// One interner per vocabulary (skills, title tokens, location keys) is shared by every feature built in a
/// scoring run; ids from different interners or runs mean nothing to each other.
public struct Interner: Sendable, Hashable {
  private var ids: [String: Int32] = [:]
  private var strings: [String] = []

  /// Creates an empty interner.
  public init() {}

  /// How many distinct strings have ids; every id is below this.
  public var count: Int { strings.count }

  /// The id of `string`, assigning the next free id when it is new.
  public mutating func intern(_ string: String) -> Int32 {
    if let id = ids[string] { return id }
    let id = Int32(truncatingIfNeeded: strings.count)
    ids[string] = id
    strings.append(string)
    return id
  }

  /// The id of `string` when it has one; never assigns.
  public func id(of string: String) -> Int32? { ids[string] }

  /// The string behind `id`, or nil for an id this interner never gave out.
  public func string(for id: Int32) -> String? {
    guard id >= 0, Int(id) < strings.count else { return nil }
    return strings[Int(id)]
  }
}
