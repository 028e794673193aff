import Foundation

/// The command line of `provider-sandbox`, parsed and checked.
struct SandboxOptions: Sendable {
  /// The numeric address to bind.
  var host = "127.0.0.1"
  /// The port; 0 asks for any free one.
  var port = 0
  /// The folder of `*.json` profiles (one person per file, `person_data` shape).
  var profilesDirectory: String
  /// The key expected as `Authorization: Bearer`; nil accepts any non-empty token.
  var apiKey: String?
  /// Where scripted changes are delivered; nil = no delivery.
  var webhookURL: String?
  /// `crustdata` (signed with the API key) or `standard-webhooks` (signed with `webhookSecret`).
  var webhookScheme = "crustdata"
  /// The Standard Webhooks secret (`whsec_...`).
  var webhookSecret: String?
  /// Probability of a 429 answer per enrich call.
  var faultRate429 = 0.0
  /// Probability of a 500 answer per enrich call.
  var faultRate500 = 0.0
  /// Probability of a slow answer (a 504 after `slowSeconds`) per enrich call.
  var faultRateSlow = 0.0
  /// How long a slow answer takes.
  var slowSeconds = 35.0
  /// Probability of a 200 with a truncated JSON body per enrich call.
  var faultRateMalformed = 0.0
  /// Extra latency on every answered enrich call (not a fault: billed normally).
  var latencyMilliseconds = 0
  /// The fault generator's seed.
  var seed: UInt64 = 1
  /// Where the ledger, edited profiles and change counters are kept across restarts; nil = memory only.
  var statePath: String?

  /// The usage text printed for `--help` and after a usage error.
  static let usage = """
    usage: provider-sandbox --listen 127.0.0.1:0 [--profiles DIR] [--api-key KEY] [--webhook-url URL]
           [--webhook-scheme crustdata|standard-webhooks] [--webhook-secret S] [--fault-rate-429 P]
           [--fault-rate-500 P] [--fault-rate-slow P] [--slow-seconds N] [--fault-rate-malformed P]
           [--latency-ms N] [--seed N] [--state FILE]
    """

  /// A usage error with a sentence for standard error.
  struct UsageError: Error, CustomStringConvertible {
    /// What is wrong with the command line.
    let description: String
  }

  /// Parses `arguments` (without the program name). `defaultProfiles` is used without `--profiles`.
  init(arguments: [String], defaultProfiles: String) throws(UsageError) {
    profilesDirectory = defaultProfiles
    var index = 0
    func value(_ name: String) throws(UsageError) -> String {
      index += 1
      guard index < arguments.count else { throw UsageError(description: "\(name) needs a value") }
      return arguments[index]
    }
    func probability(_ name: String) throws(UsageError) -> Double {
      let text = try value(name)
      guard let number = Double(text), number >= 0, number <= 1 else {
        throw UsageError(description: "\(name): expected a probability between 0 and 1")
      }
      return number
    }
    while index < arguments.count {
      let name = arguments[index]
      switch name {
      case "--listen":
        let text = try value(name)
        guard let colon = text.lastIndex(of: ":"),
          let port = Int(text[text.index(after: colon)...]),
          (0...65_535).contains(port)
        else { throw UsageError(description: "--listen: expected HOST:PORT") }
        host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.port = port
      case "--profiles": profilesDirectory = try value(name)
      case "--api-key": apiKey = try value(name)
      case "--webhook-url": webhookURL = try value(name)
      case "--webhook-scheme":
        webhookScheme = try value(name)
        guard ["crustdata", "standard-webhooks"].contains(webhookScheme) else {
          throw UsageError(description: "--webhook-scheme: expected crustdata or standard-webhooks")
        }
      case "--webhook-secret": webhookSecret = try value(name)
      case "--fault-rate-429": faultRate429 = try probability(name)
      case "--fault-rate-500": faultRate500 = try probability(name)
      case "--fault-rate-slow": faultRateSlow = try probability(name)
      case "--fault-rate-malformed": faultRateMalformed = try probability(name)
      case "--slow-seconds":
        guard let seconds = Double(try value(name)), seconds >= 0, seconds <= 3_600 else {
          throw UsageError(description: "--slow-seconds: expected 0 to 3600")
        }
        slowSeconds = seconds
      case "--latency-ms":
        guard let milliseconds = Int(try value(name)), (0...600_000).contains(milliseconds) else {
          throw UsageError(description: "--latency-ms: expected 0 to 600000")
        }
        latencyMilliseconds = milliseconds
      case "--seed":
        guard let seed = UInt64(try value(name)) else {
          throw UsageError(description: "--seed: expected a non-negative integer")
        }
        self.seed = seed
      case "--state": statePath = try value(name)
      default:
        throw UsageError(description: "unknown option \(name)")
      }
      index += 1
    }
    let total = faultRate429 + faultRate500 + faultRateSlow + faultRateMalformed
    guard total <= 1 else {
      throw UsageError(description: "the fault rates add up to more than 1")
    }
    if webhookURL != nil {
      if webhookScheme == "crustdata", apiKey == nil {
        throw UsageError(
          description: "--webhook-scheme crustdata signs with the API key: give --api-key")
      }
      if webhookScheme == "standard-webhooks", webhookSecret == nil {
        throw UsageError(description: "--webhook-scheme standard-webhooks needs --webhook-secret")
      }
    }
  }
}
