/// The MAC each scheme computes over its signed content, shared by the verifier and the signer.
///
/// Everything is fed to HMAC in place: the body is never copied or concatenated.
enum SignedContent {
  /// The full stop that joins the parts of signed contents.
  private static let separator: [UInt8] = [UInt8(ascii: ".")]

  /// Standard Webhooks: HMAC over `{id}.{timestamp}.{body}`.
  static func standardWebhooks(
    key: HMACSHA256Key, id: Substring, timestamp: Substring, body: [UInt8]
  ) -> [UInt8] {
    key.authenticationCode { update in
      feed(id, update)
      separator.withUnsafeBytes(update)
      feed(timestamp, update)
      separator.withUnsafeBytes(update)
      body.withUnsafeBytes(update)
    }
  }

  /// Crustdata (Stripe-style): HMAC over `{t}.{body}`.
  static func crustdata(key: HMACSHA256Key, timestamp: Substring, body: [UInt8]) -> [UInt8] {
    key.authenticationCode { update in
      feed(timestamp, update)
      separator.withUnsafeBytes(update)
      body.withUnsafeBytes(update)
    }
  }

  /// GitHub: HMAC over the body alone.
  static func github(key: HMACSHA256Key, body: [UInt8]) -> [UInt8] {
    key.authenticationCode(message: body)
  }

  /// Passes the UTF-8 bytes of `text` to `update` without copying when the text is native.
  private static func feed(_ text: Substring, _ update: (UnsafeRawBufferPointer) -> Void) {
    var text = text
    text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
  }
}
