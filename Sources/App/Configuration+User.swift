extension Configuration {
  /// A person who uses the admin API: identified by the SHA-256 of their bearer token, never the token.
  public struct User: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
  {
    /// A stable id (`u_anna`): 1 to 64 of letters, digits, `_`, `-`, `.`.
    public let id: String
    /// The display name.
    public let name: String
    /// What the user may do.
    public let role: Role
    /// Lower-case hex SHA-256 of the user's bearer token (64 characters).
    public let tokenSHA256: String
    /// Where the user's notifications go.
    public let channels: [Channel]

    /// Creates a user.
    public init(id: String, name: String, role: Role, tokenSHA256: String, channels: [Channel] = [])
    {
      self.id = id
      self.name = name
      self.role = role
      self.tokenSHA256 = tokenSHA256
      self.channels = channels
    }

    /// The user's id, role and channel count; the name is personal data and stays out.
    public var description: String {
      "User(id: \(id), role: \(role.rawValue), token_sha256: [redacted], channels: \(channels.count))"
    }

    /// Same as `description`.
    public var debugDescription: String { description }

    /// Only the id, role and channels, so `dump` shows no name or token hash.
    public var customMirror: Mirror {
      Mirror(self, children: ["id": id, "role": role, "channels": channels], displayStyle: .struct)
    }

    /// Whether `id` may identify a user.
    public static func isValidID(_ id: String) -> Bool {
      (1...64).contains(id.unicodeScalars.count)
        && id.unicodeScalars.allSatisfy {
          $0.isASCIIAlphanumeric || $0 == "_" || $0 == "-" || $0 == "."
        }
    }

    /// The keys a user object may have.
    enum Key: String, CaseIterable {
      case id, name, role, channels
      case tokenSHA256 = "token_sha256"
    }

    /// Reads a user object; `id`, `name`, `role` and `token_sha256` are required.
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      let idValue = try object.required(.id)
      let id = try idValue.string()
      guard Self.isValidID(id) else {
        throw idValue.invalid("expected 1 to 64 characters of letters, digits, _, - and .")
      }
      let name = try object.required(.name).nonEmptyString()
      let role = try object.required(.role).oneOf(Role.self, noun: "role")
      let hashValue = try object.required(.tokenSHA256)
      let hash = try hashValue.string().lowercased()
      guard hash.unicodeScalars.count == 64,
        hash.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) })
      else {
        throw hashValue.invalid("expected 64 hexadecimal characters (the SHA-256 of the token)")
      }
      var channels: [Channel] = []
      if let channelsValue = object.optional(.channels) {
        for item in try channelsValue.array() { channels.append(try Channel(item)) }
      }
      self.init(id: id, name: name, role: role, tokenSHA256: hash, channels: channels)
    }
  }
}
