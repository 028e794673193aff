extension Configuration {
  /// HTTPS for the listener (`tls`): PEM certificate and key files, read at start-up and on SIGHUP.
  public struct TLS: Sendable, Equatable {
    /// The PEM certificate chain file (`tls.certificate`).
    public let certificate: String
    /// The PEM private key file (`tls.key`), unencrypted; keep it readable by the service user only.
    public let key: String

    /// Creates TLS settings from the two paths.
    public init(certificate: String, key: String) {
      self.certificate = certificate
      self.key = key
    }

    /// The keys a `tls` object may have.
    enum Key: String, CaseIterable {
      case certificate, key
    }

    /// Reads the `tls` object; both paths are required.
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      self.init(
        certificate: try object.required(.certificate).nonEmptyString(),
        key: try object.required(.key).nonEmptyString())
    }
  }
}
