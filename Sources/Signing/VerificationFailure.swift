/// Why a delivery was refused, with a stable reason code and the HTTP status the receiver answers.
///
/// A struct around a private code, so kinds can be added without breaking `switch`es elsewhere.
/// Its text never contains secrets, signatures, headers or the body.
public struct VerificationFailure: Error, Sendable, Hashable, CustomStringConvertible {
  /// The kinds of failure, each with its stable snake_case reason.
  private enum Code: String, Sendable, Hashable, CaseIterable {
    case missingDeliveryID = "missing_delivery_id"
    case missingTimestamp = "missing_timestamp"
    case malformedTimestamp = "malformed_timestamp"
    case missingSignature = "missing_signature"
    case malformedSignature = "malformed_signature"
    case timestampTooOld = "timestamp_too_old"
    case timestampInFuture = "timestamp_in_future"
    case noMatchingSignature = "no_matching_signature"
  }

  private let code: Code

  private init(_ code: Code) { self.code = code }

  /// The delivery id header is absent or empty (400).
  public static let missingDeliveryID = VerificationFailure(.missingDeliveryID)
  /// The timestamp header (or the `t=` part) is absent or empty (400).
  public static let missingTimestamp = VerificationFailure(.missingTimestamp)
  /// The timestamp is not integer Unix seconds (400).
  public static let malformedTimestamp = VerificationFailure(.malformedTimestamp)
  /// The signature header is absent or empty (401).
  public static let missingSignature = VerificationFailure(.missingSignature)
  /// The signature header holds no usable signature of the version this scheme accepts (401).
  public static let malformedSignature = VerificationFailure(.malformedSignature)
  /// The signed timestamp is more than the tolerance in the past (401).
  public static let timestampTooOld = VerificationFailure(.timestampTooOld)
  /// The signed timestamp is more than the tolerance in the future (401).
  public static let timestampInFuture = VerificationFailure(.timestampInFuture)
  /// No signature in the header matches any active secret (401).
  public static let noMatchingSignature = VerificationFailure(.noMatchingSignature)

  /// Every kind of failure, for registering metrics up front.
  public static let allKinds: [VerificationFailure] = Code.allCases.map(VerificationFailure.init)

  /// Stable snake_case code for metrics and logs, e.g. `timestamp_too_old`.
  public var reason: String { code.rawValue }

  /// 400 when the request lacks an id or a well-formed timestamp, 401 for every signature or age failure.
  public var httpStatus: Int {
    switch code {
    case .missingDeliveryID, .missingTimestamp, .malformedTimestamp: 400
    case .missingSignature, .malformedSignature, .timestampTooOld, .timestampInFuture,
      .noMatchingSignature:
      401
    }
  }

  /// `webhook verification failed: <reason>`.
  public var description: String { "webhook verification failed: \(reason)" }
}
