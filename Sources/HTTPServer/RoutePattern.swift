/// A parsed route pattern such as `/webhooks/{source}`: literal segments and named captures.
struct RoutePattern: Sendable, Equatable {
  /// One `/`-separated piece of a pattern.
  enum Segment: Sendable, Equatable {
    /// Matches exactly this text.
    case literal(String)
    /// Matches any non-empty segment and captures it under this name.
    case parameter(String)
  }

  /// The pattern as registered.
  let text: String
  /// The segments after the leading `/`.
  let segments: [Segment]

  /// True when the pattern has no captures, so it can be found by exact path lookup.
  var isStatic: Bool {
    segments.allSatisfy {
      if case .literal = $0 { return true }
      return false
    }
  }

  /// Parses `text`; a segment is a capture when it is `{name}` with a non-empty name.
  init(_ text: String) {
    self.text = text
    segments = Self.split(text).map { piece in
      if piece.count > 2, piece.first == "{", piece.last == "}" {
        return .parameter(String(piece.dropFirst().dropLast()))
      }
      return .literal(String(piece))
    }
  }

  /// Matches `pathSegments` and returns the captures, or nil when the path does not fit.
  func match(_ pathSegments: [Substring]) -> [String: String]? {
    guard pathSegments.count == segments.count else { return nil }
    var captures: [String: String] = [:]
    for (segment, piece) in zip(segments, pathSegments) {
      switch segment {
      case .literal(let literal):
        guard piece == literal else { return nil }
      case .parameter(let name):
        guard !piece.isEmpty else { return nil }
        captures[name] = String(piece)
      }
    }
    return captures
  }

  /// Splits a path into the segments after its leading `/`, keeping empty ones.
  static func split(_ path: String) -> [Substring] {
    var pieces = path.split(separator: "/", omittingEmptySubsequences: false)
    if pieces.first?.isEmpty == true { pieces.removeFirst() }
    return pieces
  }
}
