/// The PEM certificate chain and private key an HTTPS server presents.
public struct TLSConfiguration: Sendable {
  /// The certificate (and any intermediates) in PEM.
  public var certificatePEM: String
  /// The unencrypted private key in PEM.
  public var keyPEM: String

  /// Creates a TLS configuration from PEM text (read the files before calling).
  public init(certificatePEM: String, keyPEM: String) {
    self.certificatePEM = certificatePEM
    self.keyPEM = keyPEM
  }
}
