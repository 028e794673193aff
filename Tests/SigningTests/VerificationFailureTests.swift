import Signing
import Testing

/// The stable reasons and HTTP answers of each failure kind.
@Suite("verification failures")
struct VerificationFailureTests {
  @Test(
    "each failure has its reason code and HTTP status",
    arguments: [
      (VerificationFailure.missingDeliveryID, "missing_delivery_id", 400),
      (.missingTimestamp, "missing_timestamp", 400),
      (.malformedTimestamp, "malformed_timestamp", 400),
      (.missingSignature, "missing_signature", 401),
      (.malformedSignature, "malformed_signature", 401),
      (.timestampTooOld, "timestamp_too_old", 401),
      (.timestampInFuture, "timestamp_in_future", 401),
      (.noMatchingSignature, "no_matching_signature", 401),
    ])
  func reasonAndStatus(failure: VerificationFailure, reason: String, status: Int) {
    #expect(failure.reason == reason)
    #expect(failure.httpStatus == status)
    #expect(failure.description == "webhook verification failed: \(reason)")
  }

  @Test("all kinds are listed once and are distinct")
  func allKinds() {
    #expect(VerificationFailure.allKinds.count == 8)
    #expect(Set(VerificationFailure.allKinds).count == 8)
    #expect(VerificationFailure.timestampTooOld != .timestampInFuture)
  }
}
