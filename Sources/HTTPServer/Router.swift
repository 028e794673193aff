/// Maps method and path pattern to handlers; `{name}` segments capture path parameters.
///
/// Unknown path → 404 JSON error; known path with another method → 405 JSON error with an `allow`
/// header. `HEAD` falls back to the `GET` handler (libmicrohttpd omits the body). Registering the same
/// method and pattern again replaces the earlier handler. Static patterns are found by one dictionary
/// lookup; patterns with captures are tried in registration order.
public struct Router: Sendable {
  /// One pattern and its handlers by method, in registration order.
  private struct Group: Sendable {
    let pattern: RoutePattern
    var handlers: [(method: String, handler: Handler)]
  }

  /// What the router decided for one request.
  enum Resolution {
    /// A handler, the captured path parameters and the pattern text that matched.
    case matched(Handler, [String: String], pattern: String)
    /// No pattern fits the path.
    case notFound
    /// Some pattern fits, none for this method; `allow` lists the methods that would be accepted.
    case methodNotAllowed(allow: String)
  }

  private var groups: [Group] = []
  private var staticIndex: [String: Int] = [:]
  private var dynamicIndices: [Int] = []

  /// Creates an empty router.
  public init() {}

  /// Every registered (method, pattern) pair in registration order; for checking against the OpenAPI.
  public var routes: [(method: String, pattern: String)] {
    groups.flatMap { group in
      group.handlers.map { (method: $0.method, pattern: group.pattern.text) }
    }
  }

  /// Registers a handler that answers through its writer, possibly later and from another thread.
  public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
    let method = method.uppercased()
    let parsed = RoutePattern(pattern)
    let index: Int
    if let existing = groups.firstIndex(where: { $0.pattern == parsed }) {
      index = existing
    } else {
      index = groups.count
      groups.append(Group(pattern: parsed, handlers: []))
      if parsed.isStatic {
        staticIndex[pattern] = index
      } else {
        dynamicIndices.append(index)
      }
    }
    if let slot = groups[index].handlers.firstIndex(where: { $0.method == method }) {
      groups[index].handlers[slot].handler = handler
    } else {
      groups[index].handlers.append((method: method, handler: handler))
    }
  }

  /// Registers a handler that computes its response synchronously on the server thread.
  public mutating func add(
    _ method: String, _ pattern: String, sync handler: @escaping @Sendable (Request) -> Response
  ) {
    add(method, pattern) { request, writer in writer.send(handler(request)) }
  }

  /// Registers an async handler; it runs in a Task and its result is sent through the writer.
  public mutating func add(
    _ method: String, _ pattern: String,
    async handler: @escaping @Sendable (Request) async -> Response
  ) {
    add(method, pattern) { request, writer in
      Task { writer.send(await handler(request)) }
    }
  }

  /// Registers a synchronous `GET` handler.
  public mutating func get(_ pattern: String, _ handler: @escaping @Sendable (Request) -> Response)
  {
    add("GET", pattern, sync: handler)
  }

  /// Registers a synchronous `POST` handler.
  public mutating func post(_ pattern: String, _ handler: @escaping @Sendable (Request) -> Response)
  {
    add("POST", pattern, sync: handler)
  }

  /// Registers a synchronous `PUT` handler.
  public mutating func put(_ pattern: String, _ handler: @escaping @Sendable (Request) -> Response)
  {
    add("PUT", pattern, sync: handler)
  }

  /// Registers a synchronous `PATCH` handler.
  public mutating func patch(
    _ pattern: String, _ handler: @escaping @Sendable (Request) -> Response
  ) {
    add("PATCH", pattern, sync: handler)
  }

  /// Registers a synchronous `DELETE` handler.
  public mutating func delete(
    _ pattern: String, _ handler: @escaping @Sendable (Request) -> Response
  ) {
    add("DELETE", pattern, sync: handler)
  }

  /// Finds the handler for `method` and `path`, or says why there is none.
  func resolve(method: String, path: String) -> Resolution {
    var matchedAny = false
    var allowed: [String] = []
    if let index = staticIndex[path] {
      if let handler = Self.handler(in: groups[index], for: method) {
        return .matched(handler, [:], pattern: groups[index].pattern.text)
      }
      matchedAny = true
      Self.collect(groups[index], into: &allowed)
    }
    if !dynamicIndices.isEmpty {
      let pieces = RoutePattern.split(path)
      for index in dynamicIndices {
        guard let captures = groups[index].pattern.match(pieces) else { continue }
        if let handler = Self.handler(in: groups[index], for: method) {
          return .matched(handler, captures, pattern: groups[index].pattern.text)
        }
        matchedAny = true
        Self.collect(groups[index], into: &allowed)
      }
    }
    return matchedAny ? .methodNotAllowed(allow: allowed.joined(separator: ", ")) : .notFound
  }

  /// The handler of `group` for `method`, with `HEAD` falling back to `GET`.
  private static func handler(in group: Group, for method: String) -> Handler? {
    for entry in group.handlers where entry.method == method {
      return entry.handler
    }
    if method == "HEAD" {
      for entry in group.handlers where entry.method == "GET" {
        return entry.handler
      }
    }
    return nil
  }

  /// Adds the methods of `group` to `allowed`, without duplicates, `HEAD` after `GET`.
  private static func collect(_ group: Group, into allowed: inout [String]) {
    for entry in group.handlers {
      if !allowed.contains(entry.method) { allowed.append(entry.method) }
      if entry.method == "GET", !allowed.contains("HEAD") { allowed.append("HEAD") }
    }
  }
}
