/// Why a configured webhook secret was refused; the text never contains the secret.
public enum SecretError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The secret is empty (or only whitespace, or only the `whsec_` prefix).
  case empty
  /// A Standard Webhooks secret whose part after `whsec_` is not Base64.
  case invalidBase64

  /// A sentence fit for a configuration error, e.g. `sources[1].secrets[0]: empty secret`.
  public var description: String {
    switch self {
    case .empty: "empty secret"
    case .invalidBase64: "secret is not valid base64 (expected whsec_ followed by base64)"
    }
  }
}
