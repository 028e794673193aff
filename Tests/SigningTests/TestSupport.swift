import Foundation
import Signing

/// Headers as a request would carry them, looked up by lowercase name like the server does.
struct TestHeaders {
  /// Header values by lowercase name.
  var values: [String: String]

  /// Headers from a dictionary.
  init(_ values: [String: String]) { self.values = values }

  /// Headers from the (name, value) pairs a signer returns; the first of a repeated name wins.
  init(_ pairs: [(name: String, value: String)]) {
    values = Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
  }

  /// The value of header `name`, in the shape `WebhookVerifier.verify(header:)` takes.
  func lookup(_ name: String) -> String? { values[name] }
}

/// Runs `verify` and returns the failure it threw, or nil when it succeeded.
func failure(
  of verify: () throws(VerificationFailure) -> VerifiedDelivery
) -> VerificationFailure? {
  do {
    _ = try verify()
    return nil
  } catch {
    return error
  }
}

/// The instant `seconds` after 1970.
func unix(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
