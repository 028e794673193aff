/// `talentwatch serve [--listen HOST:PORT]`: the webhook receiver, the admin API and the background services.
struct ServeCommand: Command {
  /// Selected by `serve`.
  static let name = "serve"
  /// Shown in the overview.
  static let abstract = "Run the webhook receiver, the admin API and every background service."
  /// `--listen` overrides the configured address.
  static let options: [CommandOption] = [
    .option(
      "listen", value: "HOST:PORT",
      help: "Listen here instead of the configured address (port 0: any free).")
  ]
  /// Serves what the configuration describes.
  static let loadsConfiguration = true

  /// The address from `--listen`, if given.
  let listen: Configuration.ListenAddress?

  /// Reads `--listen`; a value that is not `HOST:PORT` is a usage error.
  init(arguments: CommandArguments) throws(UsageError) {
    if let text = arguments.value("listen") {
      guard let address = Configuration.ListenAddress(parsing: text) else {
        throw UsageError("--listen: expected \"HOST:PORT\"")
      }
      listen = address
    } else {
      listen = nil
    }
  }

  /// `--listen` replaces `listen`.
  var configurationOverrides: Configuration.Overrides { Configuration.Overrides(listen: listen) }

  /// Hands the configuration to the runtime, which serves until shut down.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    if configuration.pepperIsDefault {
      context.logger.warning(
        "using the built-in development pepper; set pepper before storing real data")
    }
    let file = context.globals.configFile
    var withDatabase = configurationOverrides
    withDatabase.database = context.globals.database ?? withDatabase.database
    let overrides = withDatabase
    let environment = context.environment
    return try await Runtime.serve(
      configuration: configuration, logger: context.logger, output: context.output,
      reloadConfiguration: {
        try Configuration.load(file: file, overrides: overrides, environment: environment)
      })
  }
}
