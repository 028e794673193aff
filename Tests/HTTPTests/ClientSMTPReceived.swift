import Foundation

/// One message as the sink recorded it.
struct ClientSMTPReceived: Decodable {
  /// The envelope sender from `MAIL FROM`.
  let sender: String
  /// The accepted envelope recipients from `RCPT TO`.
  let recipients: [String]
  /// The authenticated user, if the client authenticated.
  let user: String?
  /// The message bytes, base64-encoded, after removing dot-stuffing.
  let data: String

  /// The message text.
  var text: String { String(decoding: Data(base64Encoded: data) ?? Data(), as: UTF8.self) }
}
