import Domain
import Foundation
import HTTPClient
import Notify
import Storage
import Testing

/// Email deliveries to an `aiosmtpd` sink child process that keeps every message.
@Suite("email deliveries", .serialized)
struct EmailDeliveryTests {
  @Test("an email channel gets a multipart plain-text and HTML message with proper headers")
  func multipartEmail() async throws {
    let fixture = try OutboxFixture()
    let inbox = fixture.directory.appendingPathComponent("mail")
    try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    let sink = try ChildReceiver(script: "smtp_sink.py", arguments: ["--dir", inbox.path])
    defer { sink.stop() }
    let smtp = SMTPClient(
      configuration: SMTPConfiguration(url: "smtp://127.0.0.1:\(sink.port)", startTLS: .never))
    defer { smtp.shutdown() }
    let channel = OutboxChannel(id: "ch_mail", userID: "u_anna", kind: "email")
    try fixture.register([channel])
    let id = try fixture.enqueueJobChange()
    let dispatcher = fixture.dispatcher(
      endpoints: [channel.id: .email(address: "anna@example.com")],
      email: NotificationEmailSender(client: smtp, from: "talentwatch@example.com"))
    #expect(
      try await fixture.drive(dispatcher) { try fixture.notification(id)?.status == .delivered })
    let raw = try String(contentsOf: inbox.appendingPathComponent("0001.eml"), encoding: .utf8)
    let envelope = try String(
      contentsOf: inbox.appendingPathComponent("0001.json"), encoding: .utf8)
    #expect(envelope.contains("anna@example.com"))
    let header = raw.components(separatedBy: "\r\n\r\n")[0]
    #expect(header.contains("From: talentwatch@example.com"))
    #expect(header.contains("To: anna@example.com"))
    #expect(header.contains("Subject: talentwatch: Candidate changed job"))
    #expect(header.contains("Message-ID: <\(id).ch_mail@example.com>"))
    #expect(header.contains("Date: "))
    #expect(header.contains("multipart/alternative"))
    #expect(raw.contains("Content-Type: text/plain; charset=utf-8"))
    #expect(raw.contains("Content-Type: text/html; charset=utf-8"))
    #expect(try fixture.attempts(id).map(\.statusCode) == [250])
  }
}
