import Foundation
import HTTPClient
import Signing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `talentwatch replay`: sends stored fixtures to a receiver, re-signed now, or (`--from-inbox`)
/// re-processes stored deliveries in place.
struct ReplayCommand: Command {
  /// Selected by `replay`.
  static let name = "replay"
  /// Shown in the overview.
  static let abstract =
    "Send stored fixtures to a receiver, re-signed now, or re-process stored deliveries."
  /// The options of both modes.
  static let options: [CommandOption] = [
    .positional(
      "PATH", arity: .zeroOrMore,
      help: "Fixture files (NAME.body or NAME.meta.json), folders or glob patterns."),
    .option(
      "to", value: "URL", help: "The receiver: a base URL (…/webhooks/NAME is added) or a full URL."
    ),
    .option(
      "source", value: "NAME", help: "The source to post to; with --from-inbox, only this source."),
    .option(
      "scheme", value: "SCHEME",
      help:
        "standard-webhooks, crustdata or github (default: the configured source's, else the meta file's)."
    ),
    .option("secret", value: "SECRET", help: "The signing secret."),
    .option(
      "secret-env", value: "NAME", help: "Read the signing secret from this environment variable."),
    .flag(
      "keep-ids",
      help: "Send the stored delivery ids, so a second replay answers duplicate (default)."),
    .flag("new-ids", help: "Append a fresh suffix to every delivery id."),
    .option("rate", value: "N", help: "At most N deliveries per second."),
    .option("concurrency", value: "N", help: "Parallel senders (default 4)."),
    .flag("dry-run", help: "Read and sign every fixture, send nothing."),
    .flag(
      "from-inbox", help: "Re-process stored deliveries in place (no HTTP, no re-verification)."),
    .option("status", value: "S", help: "With --from-inbox: only deliveries with this status."),
    .option(
      "since", value: "T", help: "With --from-inbox: received at or after T (RFC 3339, or 24h, 7d)."
    ),
    .option(
      "ids", value: "ID",
      help: "With --from-inbox: only these inbox ids (repeat, or comma-separated).",
      repeatable: true),
  ]
  /// Reads the configuration for source secrets, schemes and the database.
  static let loadsConfiguration = true

  /// Fixture paths, in the order given.
  let paths: [String]
  /// The receiver.
  let target: String?
  /// The source.
  let source: String?
  /// The explicit scheme.
  let scheme: SignatureScheme?
  /// The explicit secret.
  let secret: String?
  /// The environment variable holding the secret.
  let secretEnvironment: String?
  /// Whether to append a fresh suffix to delivery ids.
  let newIDs: Bool
  /// Deliveries per second.
  let rate: Double?
  /// Parallel senders.
  let concurrency: Int
  /// The sending options given that `--from-inbox` has no use for (`--keep-ids`, `--concurrency`).
  let sendingOnlyOptions: [String]
  /// Sign, do not send.
  let dryRun: Bool
  /// Re-process from the inbox instead of sending fixtures.
  let fromInbox: Bool
  /// The inbox selection for `--from-inbox`.
  let selection: ReplayInboxSelection

  /// Converts the values; a bad number, scheme or status is a usage error.
  init(arguments: CommandArguments) throws(UsageError) {
    fromInbox = arguments.flag("from-inbox")
    target = arguments.value("to")
    source = arguments.value("source")
    secret = arguments.value("secret")
    secretEnvironment = arguments.value("secret-env")
    dryRun = arguments.flag("dry-run")
    if arguments.flag("keep-ids") && arguments.flag("new-ids") {
      throw UsageError("--keep-ids and --new-ids exclude each other")
    }
    newIDs = arguments.flag("new-ids")
    sendingOnlyOptions =
      (arguments.flag("keep-ids") ? ["--keep-ids"] : [])
      + (arguments.value("concurrency") != nil ? ["--concurrency"] : [])
    if let text = arguments.value("scheme") {
      guard let value = SignatureScheme(rawValue: text) else {
        throw UsageError(
          "--scheme: expected one of \(SignatureScheme.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      scheme = value
    } else {
      scheme = nil
    }
    if let text = arguments.value("rate") {
      guard let value = Double(text), value > 0, value.isFinite else {
        throw UsageError("--rate: expected a positive number of deliveries per second")
      }
      rate = value
    } else {
      rate = nil
    }
    if let text = arguments.value("concurrency") {
      guard let value = Int(text), (1...256).contains(value) else {
        throw UsageError("--concurrency: expected a whole number from 1 to 256")
      }
      concurrency = value
    } else {
      concurrency = 4
    }
    var positionals = arguments.positionalValues("PATH")
    var idTexts = arguments.values("ids").flatMap { $0.split(separator: ",").map(String.init) }
    if fromInbox && !idTexts.isEmpty {
      // `--ids 3 4 5`: the values after the first arrive as positionals.
      idTexts += positionals
      positionals = []
    }
    paths = positionals
    selection = try ReplayInboxSelection(
      status: arguments.value("status"), source: source, since: arguments.value("since"),
      ids: idTexts)
  }

  /// Checks that the options fit the mode.
  func validate() throws(UsageError) {
    if fromInbox {
      if !paths.isEmpty {
        throw UsageError("--from-inbox takes no PATH (stored deliveries are used)")
      }
      for (name, given) in [
        ("--to", target != nil), ("--scheme", scheme != nil), ("--secret", secret != nil),
        ("--secret-env", secretEnvironment != nil), ("--new-ids", newIDs), ("--rate", rate != nil),
        ("--dry-run", dryRun),
      ] where given {
        throw UsageError("\(name) does not apply to --from-inbox")
      }
      if let name = sendingOnlyOptions.first {
        throw UsageError("\(name) does not apply to --from-inbox")
      }
      return
    }
    if !selection.isEmpty { throw UsageError("--status, --since and --ids need --from-inbox") }
    if paths.isEmpty { throw UsageError("missing PATH: name fixture files, folders or patterns") }
    if source == nil { throw UsageError("missing --source NAME") }
    if target == nil && !dryRun { throw UsageError("missing --to URL (or use --dry-run)") }
    if secret != nil && secretEnvironment != nil {
      throw UsageError("--secret and --secret-env exclude each other")
    }
  }

  /// Runs the chosen mode.
  func run(_ context: CommandContext) async throws -> Int32 {
    let configuration = try context.requireConfiguration()
    if fromInbox {
      return try await ReplayFromInbox.run(
        selection: selection, configuration: configuration, output: context.output)
    }
    let sourceName = source ?? ""
    let configured = configuration.sources.first { $0.name == sourceName }
    let secretText: String
    if let secret {
      secretText = secret
    } else if let secretEnvironment {
      guard let value = context.environment[secretEnvironment], !value.isEmpty else {
        throw UsageError("--secret-env: the environment variable \(secretEnvironment) is not set")
      }
      secretText = value
    } else if let first = configured?.secrets.first {
      secretText = first.revealed
    } else {
      throw UsageError(
        "no secret: give --secret or --secret-env, or configure the source \"\(sourceName)\"")
    }
    var signers: [SignatureScheme: WebhookSigner] = [:]
    for each in SignatureScheme.allCases {
      if let key = try? WebhookSecret(scheme: each, text: secretText) {
        signers[each] = WebhookSigner(scheme: each, secrets: [key])
      }
    }
    let fixtures = try ReplayFixtureWalker.bodyPaths(paths)
    let sender = ReplaySender(
      fixtures: fixtures, url: target.map { Self.webhookURL($0, source: sourceName) },
      signers: signers,
      schemeOverride: scheme
        ?? configured.flatMap { SignatureScheme(rawValue: $0.scheme.rawValue) },
      idSuffix: newIDs ? "-r" + Hex.encode(SecureRandom.bytes(count: 4)) : nil, rate: rate,
      concurrency: concurrency, dryRun: dryRun)
    let reporter = ReplayReporter(
      output: context.output, total: fixtures.count,
      terminal: isatty(1) != 0 && !context.globals.json)
    let started = ContinuousClock.now
    let client = dryRun ? nil : HTTPClient(maximumConcurrentRequests: concurrency)
    defer { client?.shutdown() }
    await sender.run(client: client) { reporter.report($0) }
    let tally = reporter.finish(elapsed: ContinuousClock.now - started, dryRun: dryRun)
    try await ReplayAudit.record(
      kind: .fixtures, source: sourceName,
      counts: [
        "accepted": tally.accepted, "duplicate": tally.duplicate, "rejected": tally.rejected,
        "failed": tally.failed, "dry_run": tally.skipped,
      ], databasePath: configuration.database, environment: context.environment)
    return tally.hasFailures ? CLIExitCode.failure : CLIExitCode.success
  }

  /// `base` itself when it already names a webhook path, else `base/webhooks/source`.
  static func webhookURL(_ base: String, source: String) -> String {
    if base.contains("/webhooks/") { return base }
    return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/webhooks/" + source
  }
}
