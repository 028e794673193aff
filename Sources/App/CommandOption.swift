/// One thing a command accepts on its command line: a flag, an option with a value, or a positional argument.
///
/// Commands list these in `Command.options`; the parser, the usage line and the help text all read them.
struct CommandOption: Sendable, Equatable {
  /// How many values a positional argument takes.
  enum Arity: Sendable, Equatable {
    /// Exactly one.
    case one
    /// Zero or one.
    case optional
    /// One or more (only as the last positional).
    case oneOrMore
    /// Any number (only as the last positional).
    case zeroOrMore
  }

  /// What shape the option has.
  enum Kind: Sendable, Equatable {
    /// `--name`, present or not.
    case flag
    /// `--name VALUE` or `--name=VALUE`; `valueName` is shown in help (`HOST:PORT`).
    case option(valueName: String)
    /// A value by position; `name` is shown in help (`<ID>`).
    case positional(Arity)
  }

  /// The option's name without dashes (`listen`), or a positional's placeholder (`ID`).
  let name: String
  /// Its shape.
  let kind: Kind
  /// One line for the help text.
  let help: String
  /// Whether an option with a value must be given.
  let isRequired: Bool
  /// Whether an option with a value may be given more than once (all values are kept).
  let isRepeatable: Bool

  /// A flag: `--name`.
  static func flag(_ name: String, help: String) -> CommandOption {
    CommandOption(name: name, kind: .flag, help: help, isRequired: false, isRepeatable: false)
  }

  /// An option with a value: `--name VALUE`.
  static func option(
    _ name: String, value valueName: String, help: String, required: Bool = false,
    repeatable: Bool = false
  ) -> CommandOption {
    CommandOption(
      name: name, kind: .option(valueName: valueName), help: help, isRequired: required,
      isRepeatable: repeatable)
  }

  /// A positional argument.
  static func positional(_ name: String, arity: Arity = .one, help: String) -> CommandOption {
    CommandOption(
      name: name, kind: .positional(arity), help: help, isRequired: false, isRepeatable: false)
  }

  /// Whether this is a flag or an option (spelled with `--`), as opposed to a positional.
  var isNamed: Bool {
    if case .positional = kind { return false }
    return true
  }

  /// How it reads in a usage line: `[--listen HOST:PORT]`, `--user ID`, `<ID>...`.
  var usage: String {
    switch kind {
    case .flag: return "[--\(name)]"
    case .option(let valueName):
      let text = "--\(name) \(valueName)" + (isRepeatable ? " ..." : "")
      return isRequired ? text : "[\(text)]"
    case .positional(.one): return "<\(name)>"
    case .positional(.optional): return "[<\(name)>]"
    case .positional(.oneOrMore): return "<\(name)>..."
    case .positional(.zeroOrMore): return "[<\(name)>...]"
    }
  }

  /// How it reads in the help's option list: `--listen HOST:PORT`, `<ID>`.
  var label: String {
    switch kind {
    case .flag: "--\(name)"
    case .option(let valueName): "--\(name) \(valueName)"
    case .positional: "<\(name)>"
    }
  }
}
