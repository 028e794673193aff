/// The parsed command line of one command: which flags were given, option values, positional values.
///
/// A command's `init(arguments:)` reads its typed values from here.
struct CommandArguments: Sendable, Equatable {
  /// Flags that were given, by name.
  var flags: Set<String> = []
  /// Values of options, by name, in the order given.
  var options: [String: [String]] = [:]
  /// Values of positional arguments, by placeholder name.
  var positionals: [String: [String]] = [:]

  /// Whether flag `name` was given.
  func flag(_ name: String) -> Bool { flags.contains(name) }

  /// The value of option `name`, if given.
  func value(_ name: String) -> String? { options[name]?.last }

  /// Every value of a repeatable option `name`.
  func values(_ name: String) -> [String] { options[name] ?? [] }

  /// The value of positional `name`, if given.
  func positional(_ name: String) -> String? { positionals[name]?.first }

  /// Every value of a variadic positional `name`.
  func positionalValues(_ name: String) -> [String] { positionals[name] ?? [] }
}
