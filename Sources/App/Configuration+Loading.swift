public import Foundation
import Logging

extension Configuration {
  /// The file read when no `--config` is given and it exists in the working directory.
  public static let defaultFileName = "talentwatch.json"

  /// The keys the top-level object may have; a new section is one case here and one line in `init(document:)`.
  enum Key: String, CaseIterable {
    case listen, database, pepper, server, sources, ingest, matching, provider, users, tls,
      retention
    case planner, notifications
    case maxBodyBytes = "max_body_bytes"
    case shutdownTimeoutSeconds = "shutdown_timeout_seconds"
    case logLevel = "log_level"
  }

  /// Loads the configuration the way every command does, then applies `overrides`.
  ///
  /// With `file`, that file must exist and be valid. Without it, `./talentwatch.json` in
  /// `workingDirectory` is read when present, and the built-in defaults are used otherwise.
  /// Relative paths are resolved against `workingDirectory` (the process's current directory when nil).
  /// Stops at the first mistake, reported with its key path and the file.
  public static func load(
    file: String?, overrides: Overrides = Overrides(), environment: [String: String],
    workingDirectory: String? = nil
  ) throws(ConfigurationError) -> Configuration {
    let directory = workingDirectory ?? FileManager.default.currentDirectoryPath
    let path: String
    if let file {
      path = file
    } else {
      let candidate = (directory as NSString).appendingPathComponent(defaultFileName)
      guard FileManager.default.fileExists(atPath: candidate) else {
        return defaults.applying(overrides)
      }
      path = defaultFileName
    }
    let absolute = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: absolute))
    } catch {
      let reason =
        FileManager.default.fileExists(atPath: absolute) ? "cannot be read" : "does not exist"
      throw ConfigurationError(
        .unreadableFile, path: "", message: "the configuration file \(reason)", file: path)
    }
    do {
      return try parse(data, overrides: overrides, environment: environment)
    } catch {
      throw error.inFile(path)
    }
  }

  /// Parses a configuration document (the bytes of a JSON file), then applies `overrides`.
  public static func parse(
    _ data: Data, overrides: Overrides = Overrides(), environment: [String: String]
  ) throws(ConfigurationError) -> Configuration {
    let raw: Any
    do {
      raw = try JSONSerialization.jsonObject(with: data, options: [])
    } catch {
      // The debug description names a position ("around character 6"), never the content.
      let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
      throw ConfigurationError(
        .invalidJSON, path: "",
        message: "not valid JSON"
          + (detail.map { " (\($0.trimmingCharacters(in: .punctuationCharacters)))" } ?? ""))
    }
    guard raw is [String: Any] else {
      throw ConfigurationError(.invalidJSON, path: "", message: "expected a JSON object")
    }
    let document = ConfigurationValue(raw: raw, path: "", environment: environment)
    return try Configuration(document: document).applying(overrides)
  }

  /// Reads the top-level object: each key in the order the documentation lists them.
  init(document: ConfigurationValue) throws(ConfigurationError) {
    let object = try document.object(Key.self)
    let defaults = Configuration.defaults

    var listen = defaults.listen
    if let value = object.optional(.listen) {
      guard let parsed = ListenAddress(parsing: try value.string()) else {
        throw value.invalid("expected \"HOST:PORT\"")
      }
      listen = parsed
    }
    let database = try object.optional(.database)?.nonEmptyString() ?? defaults.database
    let pepper = try object.optional(.pepper)?.secret(minimumLength: Self.minimumPepperLength)
    let maxBodyBytes =
      try object.optional(.maxBodyBytes)?.integer(in: 1...Int.max) ?? defaults.maxBodyBytes
    let shutdownTimeout =
      try object.optional(.shutdownTimeoutSeconds)?.integer(in: 1...3600)
      ?? defaults.shutdownTimeoutSeconds
    let logLevel =
      try object.optional(.logLevel)?.oneOf(LogLevel.self, noun: "log level") ?? defaults.logLevel
    let server = try object.optional(.server).map { value throws(ConfigurationError) in
      try Server(value)
    }
    let ingest = try object.optional(.ingest).map { value throws(ConfigurationError) in
      try Ingest(value)
    }
    let matching = try object.optional(.matching).map { value throws(ConfigurationError) in
      try Matching(value)
    }
    let provider = try object.optional(.provider).map { value throws(ConfigurationError) in
      try Provider(value)
    }
    let planner = try object.optional(.planner).map { value throws(ConfigurationError) in
      try Planner(value)
    }

    let tls = try object.optional(.tls).map { value throws(ConfigurationError) in
      try TLS(value)
    }
    let retention = try object.optional(.retention).map { value throws(ConfigurationError) in
      try Self.retentionPolicy(value)
    }
    let notifications = try object.optional(.notifications).map {
      value throws(ConfigurationError) in try Notifications(value)
    }

    var sources: [Source] = []
    if let list = object.optional(.sources) {
      for item in try list.array() {
        let source = try Source(item)
        if sources.contains(where: { $0.name == source.name }) {
          throw ConfigurationError(
            .duplicate, path: "\(item.path).name",
            message: "duplicate source name \"\(source.name)\"")
        }
        sources.append(source)
      }
    }

    var users: [User] = []
    if let list = object.optional(.users) {
      for item in try list.array() {
        let user = try User(item)
        if users.contains(where: { $0.id == user.id }) {
          throw ConfigurationError(
            .duplicate, path: "\(item.path).id", message: "duplicate user id \"\(user.id)\"")
        }
        if let other = users.firstIndex(where: { $0.tokenSHA256 == user.tokenSHA256 }) {
          throw ConfigurationError(
            .duplicate, path: "\(item.path).token_sha256", message: "same token as users[\(other)]")
        }
        users.append(user)
      }
    }

    self.init(
      listen: listen, database: database, pepper: pepper, maxBodyBytes: maxBodyBytes,
      shutdownTimeoutSeconds: shutdownTimeout, logLevel: logLevel,
      server: server ?? defaults.server,
      sources: sources, ingest: ingest ?? defaults.ingest,
      matching: matching ?? defaults.matching, provider: provider, users: users,
      tls: tls, retention: retention ?? defaults.retention, planner: planner ?? defaults.planner,
      notifications: notifications ?? defaults.notifications)
  }
}
