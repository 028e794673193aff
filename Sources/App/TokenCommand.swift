/// `talentwatch token new --user ID`: prints a new random bearer token and its SHA-256 for the config.
struct TokenCommand: Command {
  /// Selected by `token new`.
  static let name = "token new"
  /// Shown in the overview.
  static let abstract = "Print a new bearer token and its sha256 for the config."
  /// The user the token is for.
  static let options: [CommandOption] = [
    .option("user", value: "ID", help: "The user id the token is for.", required: true)
  ]
  /// Needs no configuration: the hash is pasted into it.
  static let loadsConfiguration = false

  /// The user id.
  let user: String

  /// Reads `--user`.
  init(arguments: CommandArguments) throws(UsageError) {
    user = arguments.value("user") ?? ""
  }

  /// Refuses an id the configuration would refuse.
  func validate() throws(UsageError) {
    guard Configuration.User.isValidID(user) else {
      throw UsageError("--user: expected 1 to 64 characters of letters, digits, _, - and .")
    }
  }

  /// Prints the token (shown once) and the `token_sha256` value.
  func run(_ context: CommandContext) async throws -> Int32 {
    let (token, sha256) = Authentication.newToken()
    if context.globals.json {
      context.output.print(
        #"{"user":"\#(user)","token":"\#(token)","token_sha256":"\#(sha256)"}"#)
    } else {
      context.output.print("user: \(user)")
      context.output.print("token: \(token)")
      context.output.print("token_sha256: \(sha256)")
    }
    return 0
  }
}
