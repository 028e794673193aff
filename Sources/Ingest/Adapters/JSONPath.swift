/// Where a value sits in a document (`results[2].record.crustdata_person_id`), rendered only for errors.
///
/// Paths are built from the keys an adapter asks for and from array indexes, so they never hold payload values.
indirect enum JSONPath: Sendable, CustomStringConvertible {
  /// The document itself.
  case root
  /// A member of the object at the parent path.
  case member(JSONPath, String)
  /// An element of the array at the parent path.
  case element(JSONPath, Int)

  /// The path in dotted form; the root renders as `top level`.
  var description: String {
    switch self {
    case .root: return "top level"
    case .member(.root, let key): return key
    case .element(.root, let index): return "[\(index)]"
    case .member(let parent, let key): return "\(parent).\(key)"
    case .element(let parent, let index): return "\(parent)[\(index)]"
    }
  }
}
