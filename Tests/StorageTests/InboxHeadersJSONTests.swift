import Foundation
import Storage
import Testing

/// The kept headers are stored as JSON written by hand; it must read back exactly, whatever they hold.
@Suite("Inbox headers JSON")
struct InboxHeadersJSONTests {
  @Test("headers with quotes, backslashes, control characters and non-ASCII text read back exactly")
  func roundTrips() throws {
    let headers = [
      "webhook-id": "msg_\"quoted\"\\back",
      "webhook-timestamp": "1796325628",
      "x-note": "tab\there\nnew\u{01}line é 日本",
    ]
    let delivery = InboxDelivery(
      source: "s", deliveryID: "d", scheme: "standard-webhooks", format: "canonical",
      receivedAt: Date(), signedAt: nil, headers: headers, body: [])
    let decoded = try JSONDecoder().decode(
      [String: String].self, from: Data(delivery.headersJSON.utf8))
    #expect(decoded == headers)
    #expect(delivery.headersJSON.hasPrefix(#"{"webhook-id":"#))
    #expect(delivery.headersJSON.contains(#"\u0001"#))
  }

  @Test("the stored JSON follows the headers when they are replaced, keys sorted")
  func followsChanges() {
    var delivery = InboxDelivery(
      source: "s", deliveryID: "d", scheme: "github", format: "canonical", receivedAt: Date(),
      signedAt: nil, headers: [:], body: [])
    #expect(delivery.headersJSON == "{}")
    delivery.headers = ["b": "2", "a": "1"]
    #expect(delivery.headersJSON == #"{"a":"1","b":"2"}"#)
  }
}
