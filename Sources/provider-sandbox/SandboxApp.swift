import Foundation
import HTTPClient
import HTTPServer
import Logging
import Signing

/// Runs the sandbox: loads profiles and state, serves until SIGTERM or SIGINT, and says where it listens.
enum SandboxApp {
  /// The profiles folder of this source tree, used when `--profiles` is not given and
  /// `./fixtures/provider/profiles` does not exist.
  static let sourceTreeProfiles = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/provider/profiles").path

  /// Parses `arguments`, serves, and returns the exit status (0 after a signal, 2 usage, 1 failure).
  static func main(arguments: [String]) async -> Int32 {
    if arguments.contains("--help") || arguments.contains("-h") {
      print(SandboxOptions.usage)
      return 0
    }
    let relative = FileManager.default.currentDirectoryPath + "/fixtures/provider/profiles"
    let defaultProfiles =
      FileManager.default.fileExists(atPath: relative) ? relative : sourceTreeProfiles
    let options: SandboxOptions
    do {
      options = try SandboxOptions(arguments: arguments, defaultProfiles: defaultProfiles)
    } catch {
      FileHandle.standardError.write(
        Data("provider-sandbox: \(error)\n\(SandboxOptions.usage)\n".utf8))
      return 2
    }
    let logger = Logger(label: "provider-sandbox")
    do {
      return try await serve(options: options, logger: logger)
    } catch {
      logger.error("provider sandbox failed", ["error": .string("\(error)")])
      return 1
    }
  }

  /// Serves until a signal arrives.
  private static func serve(options: SandboxOptions, logger: Logger) async throws -> Int32 {
    let people = try ProfileLoader.load(directory: options.profilesDirectory)
    let injector = FaultInjector(
      seed: options.seed, rate429: options.faultRate429, rate500: options.faultRate500,
      rateSlow: options.faultRateSlow, rateMalformed: options.faultRateMalformed)
    let state = try SandboxState(people: people, injector: injector, statePath: options.statePath)
    var signer: WebhookSigner?
    if options.webhookURL != nil {
      if options.webhookScheme == "crustdata", let key = options.apiKey {
        signer = WebhookSigner(
          scheme: .crustdata, secrets: [try WebhookSecret(scheme: .crustdata, text: key)])
      } else if let secret = options.webhookSecret {
        signer = WebhookSigner(
          scheme: .standardWebhooks,
          secrets: [try WebhookSecret(scheme: .standardWebhooks, text: secret)])
      }
    }
    let client = HTTPClient(maximumConcurrentRequests: 4, userAgent: "provider-sandbox/0.1")
    let api = SandboxAPI(
      state: state, options: options, client: client, signer: signer, logger: logger)
    var router = Router()
    api.register(in: &router)
    let shutdown = SandboxShutdown()
    let server = Server(
      configuration: ServerConfiguration(
        host: options.host, port: options.port, maxBodyBytes: 1_048_576, threadCount: 2),
      router: router)
    let port = try server.start()
    let shownHost = options.host.contains(":") ? "[\(options.host)]" : options.host
    FileHandle.standardOutput.write(Data("listening on http://\(shownHost):\(port)\n".utf8))
    logger.info(
      "provider sandbox listening",
      [
        "server.port": .integer(port), "people.count": .integer(people.count),
        "fault.seed": .string(String(options.seed)),
      ])
    let name = await shutdown.wait()
    logger.info("provider sandbox stopping", ["signal": .string(name)])
    server.stop(timeout: .seconds(2))
    client.shutdown()
    return 0
  }
}
