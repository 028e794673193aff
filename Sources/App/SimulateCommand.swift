import Domain
import Foundation

/// `talentwatch simulate --candidates N --days D --seed S [--json]`: the three refresh policies over one
/// synthetic population, through the real planner (`Simulation.run`).
struct SimulateCommand: Command {
  /// Selected by `simulate`.
  static let name = "simulate"
  /// Shown in the overview.
  static let abstract =
    "Compare refresh policies (blind timer, signal-only, delta) on a synthetic population."
  /// Population size, length, seed and an optional daily credit limit.
  static let options: [CommandOption] = [
    .option("candidates", value: "N", help: "Candidates in the population (default 5000)."),
    .option("days", value: "D", help: "Days simulated (default 180)."),
    .option(
      "seed", value: "S", help: "Random seed; the same seed gives the same report (default 1)."),
    .option(
      "credits-per-day", value: "N", help: "Daily credit limit for every policy (default none)."),
  ]
  /// Pure computation: no configuration needed.
  static let loadsConfiguration = false

  /// The simulation's settings.
  let config: SimulationConfig

  /// Reads the options; every other setting keeps its documented default (`SimulationConfig`).
  init(arguments: CommandArguments) throws(UsageError) {
    var config = SimulationConfig()
    config.candidates = try Self.integer(arguments, "candidates", default: config.candidates)
    config.days = try Self.integer(arguments, "days", default: config.days)
    if let text = arguments.value("seed") {
      guard let seed = UInt64(text) else {
        throw UsageError("--seed must be a non-negative integer")
      }
      config.seed = seed
    }
    if arguments.value("credits-per-day") != nil {
      config.dailyCreditLimit = try Self.integer(arguments, "credits-per-day", default: 0)
    }
    self.config = config
  }

  /// Refuses settings the simulation would reject, as a usage error.
  func validate() throws(UsageError) {
    do {
      try config.validate()
    } catch {
      throw UsageError(String(describing: error))
    }
  }

  /// Runs the simulation and prints the report (JSON with `--json`).
  func run(_ context: CommandContext) async throws -> Int32 {
    let report = try Simulation.run(config)
    if context.globals.json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      encoder.dateEncodingStrategy = .iso8601
      context.output.print(String(decoding: try encoder.encode(report), as: UTF8.self))
    } else {
      context.output.print(report.formatted)
    }
    return CLIExitCode.success
  }

  private static func integer(_ arguments: CommandArguments, _ name: String, default value: Int)
    throws(UsageError) -> Int
  {
    guard let text = arguments.value(name) else { return value }
    guard let number = Int(text), number >= 0 else {
      throw UsageError("--\(name) must be a non-negative integer")
    }
    return number
  }
}
