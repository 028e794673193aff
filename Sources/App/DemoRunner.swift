import Domain
import Foundation
import HTTPClient
import Logging
import Signing
import Storage

/// Plays the demo: sandbox + service + the scripted week, then the summary. See `DemoCommand`.
struct DemoRunner {
  let fixturesPath: String
  let directoryPath: String
  let once: Bool
  let logger: Logger
  let output: CLIOutput

  /// What the demo sent, and what the receiver answered.
  struct SentDelivery: Sendable {
    var day: Int
    var what: String
    var status: Int
  }

  /// The secrets and tokens of one demo run (fresh every run; never printed).
  struct Credentials: Sendable {
    let apiKey = "sbx_" + Hex.encode(SecureRandom.bytes(count: 16))
    let partnerSecret = "whsec_" + Base64.encode(SecureRandom.bytes(count: 32))
    let hookSecret = "whsec_" + Base64.encode(SecureRandom.bytes(count: 32))
    var tokens: [String: String] = [:]
  }

  func run() async throws -> Int32 {
    let directory = URL(fileURLWithPath: directoryPath)
    try? FileManager.default.removeItem(at: directory)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let fixtures = URL(fileURLWithPath: fixturesPath)
    let scenario = try DemoScenario.load(fixtures.appendingPathComponent("demo/scenario.json"))

    var credentials = Credentials()
    for recruiter in scenario.recruiters {
      credentials.tokens[recruiter.id] = Hex.encode(SecureRandom.bytes(count: 32))
    }
    let servePort = try DemoPorts.free()
    let receiver = try DemoReceiver(secret: credentials.hookSecret)
    defer { receiver.stop() }
    let sandbox = try ProviderSandboxProcess(
      arguments: [
        "--api-key", credentials.apiKey,
        "--profiles", fixtures.appendingPathComponent("provider/profiles").path,
        "--webhook-url", "http://127.0.0.1:\(servePort)/webhooks/crustdata",
        "--webhook-scheme", "crustdata",
      ],
      logFile: directory.appendingPathComponent("provider-sandbox.log"))
    defer { sandbox.stop() }

    let configPath = directory.appendingPathComponent("talentwatch.json").path
    try DemoConfiguration.write(
      to: configPath, scenario: scenario, credentials: credentials, servePort: servePort,
      sandboxURL: sandbox.baseURL, receiverPort: receiver.port,
      databasePath: directory.appendingPathComponent("talentwatch.db").path)
    let configuration = try Configuration.load(file: configPath, environment: [:])
    let clock = SystemClock()
    let service = try await TalentwatchService.start(
      configuration: configuration, clock: clock, logger: logger)
    let http = HTTPClient()
    defer { http.shutdown() }
    let api = DemoAPI(
      http: http, baseURL: "http://127.0.0.1:\(service.port)", sandboxURL: sandbox.baseURL,
      tokens: credentials.tokens)

    output.print(
      "talentwatch demo: provider sandbox at \(sandbox.baseURL), service at \(api.baseURL)")
    output.print(
      "configuration written to \(configPath) (tokens and secrets are fresh for this run)")
    let setup = try await DemoSetup(api: api, scenario: scenario).run()
    output.print(
      "set up \(setup.vacancies.count) vacancies and \(setup.candidateIDs.count) candidates, "
        + "each added by a recruiter through the admin API")

    let work = DemoWork(
      service: service, configuration: configuration, clock: clock, logger: logger)
    try await work.rematch()
    let player = DemoWeek(
      api: api, scenario: scenario, fixtures: fixtures.appendingPathComponent("webhooks"),
      credentials: credentials)
    var sent = try await player.play(afterRefresh: false)
    _ = try await work.settle(receiver: receiver)
    sent += try await player.play(afterRefresh: true)
    try await work.waitForInbox()
    let plan = try await work.dryRunPlan()

    let summary = try await DemoSummary.build(
      service: service, scenario: scenario, setup: setup, sent: sent, plan: plan,
      receiver: receiver,
      configuration: configuration, now: clock.now())
    output.print(summary)

    if once {
      await service.stop(timeout: .seconds(configuration.shutdownTimeoutSeconds))
      return CLIExitCode.success
    }
    output.print(
      "\nStill serving at \(api.baseURL) (admin API tokens are in \(configPath) as hashes). Ctrl-C stops."
    )
    let reason = await ShutdownSignal.install().wait()
    logger.notice("shutting down", ["signal": .string(reason)])
    await service.stop(timeout: .seconds(configuration.shutdownTimeoutSeconds))
    return CLIExitCode.success
  }
}
