/// The MAC each scheme computes over its signed content, shared by the verifier and the signer.
///
/// Everything is fed to HMAC in place: the body is never copied or concatenated.
enum SignedContent {
  /// The full stop that joins the parts of signed contents.
  private static let separator: StaticString = "."

  /// Standard Webhooks: HMAC over `{id}.{timestamp}.{body}` (id and timestamp as their UTF-8 bytes).
  static func standardWebhooks(
    key: HMACSHA256Key, id: UnsafeRawBufferPointer, timestamp: UnsafeRawBufferPointer,
    body: [UInt8]
  ) -> [UInt8] {
    key.authenticationCode { update in
      update(id)
      update(dot)
      update(timestamp)
      update(dot)
      body.withUnsafeBytes(update)
    }
  }

  /// Crustdata (Stripe-style): HMAC over `{t}.{body}`.
  static func crustdata(
    key: HMACSHA256Key, timestamp: UnsafeRawBufferPointer, body: [UInt8]
  ) -> [UInt8] {
    key.authenticationCode { update in
      update(timestamp)
      update(dot)
      body.withUnsafeBytes(update)
    }
  }

  /// GitHub: HMAC over the body alone.
  static func github(key: HMACSHA256Key, body: [UInt8]) -> [UInt8] {
    key.authenticationCode(message: body)
  }

  /// The bytes of the separator, from static memory.
  private static var dot: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount)
  }
}
