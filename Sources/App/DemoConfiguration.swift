import Foundation
import Signing

/// Writes the demo's configuration file: two webhook sources, the sandbox as the provider, the scenario's
/// users with token hashes and a webhook channel each pointing at the demo receiver.
enum DemoConfiguration {
  static func write(
    to path: String, scenario: DemoScenario, credentials: DemoRunner.Credentials, servePort: Int,
    sandboxURL: String, receiverPort: Int, databasePath: String
  ) throws {
    let users: [[String: Any]] = scenario.recruiters.map { recruiter in
      var user: [String: Any] = [
        "id": recruiter.id, "name": recruiter.name, "role": recruiter.role,
        "token_sha256": SHA256Digest.hex(Array((credentials.tokens[recruiter.id] ?? "").utf8)),
      ]
      if recruiter.role == "recruiter" {
        user["channels"] = [
          [
            "kind": "webhook", "url": "http://127.0.0.1:\(receiverPort)/hooks/\(recruiter.id)",
            "secret": credentials.hookSecret,
          ]
        ]
      }
      return user
    }
    var root: [String: Any] = [
      "listen": "127.0.0.1:\(servePort)",
      "database": databasePath,
      "pepper": "demo-pepper-" + Hex.encode(SecureRandom.bytes(count: 16)),
      "log_level": "warning",
      "sources": [
        [
          "name": "crustdata", "scheme": "crustdata", "format": "crustdata-watch",
          "secrets": [credentials.apiKey],
        ],
        [
          "name": "partner", "scheme": "standard-webhooks", "format": "canonical",
          "secrets": [credentials.partnerSecret],
        ],
      ],
      "provider": [
        "kind": "crustdata", "base_url": sandboxURL, "api_key": credentials.apiKey,
        "requests_per_minute": 600, "credits_per_day": 500,
      ],
      "users": users,
    ]
    for (key, value) in extraKeys() { root[key] = value }
    let data = try JSONSerialization.data(
      withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: path))
  }

  /// Keys of the areas whose services the demo drives (notifications, planner, matching).
  static func extraKeys() -> [String: Any] {
    ["notifications": ["allow_private_hosts": ["127.0.0.1"], "digest_window_seconds": 600]]
  }
}
