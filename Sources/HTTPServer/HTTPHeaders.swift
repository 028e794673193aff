/// HTTP header fields in arrival order, duplicates kept, looked up by case-insensitive name.
public struct HTTPHeaders: Sendable, Sequence {
  /// One header field.
  public typealias Element = (name: String, value: String)

  /// The fields in the order they were received or added.
  private var fields: [Element]
  /// Each field's name in ASCII lower case, at the same index: a lookup compares whole strings
  /// (a byte comparison) instead of folding case byte by byte for every field.
  private var foldedNames: [String]

  /// Creates headers from `(name, value)` pairs, keeping their order and duplicates.
  public init(_ pairs: [(String, String)]) {
    self.init(fields: pairs.map { (name: $0.0, value: $0.1) })
  }

  /// Creates headers from fields already in element form; used by the server when parsing.
  init(fields: [Element]) {
    self.fields = fields
    self.foldedNames = fields.map { Self.folded($0.name) }
  }

  /// The first value of the field called `name` (compared case-insensitively), or nil.
  public subscript(_ name: String) -> String? {
    let wanted = Self.folded(name)
    for index in foldedNames.indices where Self.sameBytes(foldedNames[index], wanted) {
      return fields[index].value
    }
    return nil
  }

  /// Every value of the field called `name`, in order.
  public func values(for name: String) -> [String] {
    let wanted = Self.folded(name)
    return foldedNames.indices.filter { Self.sameBytes(foldedNames[$0], wanted) }.map {
      fields[$0].value
    }
  }

  /// The number of fields, duplicates included.
  public var count: Int { fields.count }

  /// Appends a field at the end.
  public mutating func add(name: String, value: String) {
    fields.append((name: name, value: value))
    foldedNames.append(Self.folded(name))
  }

  /// Iterates fields in order.
  public func makeIterator() -> IndexingIterator<[Element]> {
    fields.makeIterator()
  }

  /// ASCII case-insensitive comparison of two header names without allocating.
  static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
    var left = lhs.utf8.makeIterator()
    var right = rhs.utf8.makeIterator()
    while true {
      switch (left.next(), right.next()) {
      case (nil, nil):
        return true
      case (let a?, let b?):
        if a != b && lowercased(a) != lowercased(b) { return false }
      default:
        return false
      }
    }
  }

  /// `name` with its ASCII letters in lower case (other bytes as they are); returned as is, without
  /// copying, when it has no upper-case letter, which is the usual case on the wire and in callers.
  static func folded(_ name: String) -> String {
    guard name.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return name }
    return String(decoding: name.utf8.map(lowercased), as: UTF8.self)
  }

  /// Byte-wise equality, as `namesMatch` compares: `String ==` would also equate different Unicode
  /// spellings of the same characters, which HTTP field names never are.
  private static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
    lhs.utf8.elementsEqual(rhs.utf8)
  }

  /// Lowercases one ASCII letter and leaves every other byte alone.
  private static func lowercased(_ byte: UInt8) -> UInt8 {
    (byte >= 65 && byte <= 90) ? byte | 0x20 : byte
  }
}
