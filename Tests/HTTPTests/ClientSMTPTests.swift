import Foundation
import HTTPClient
import Testing

/// Specification of `SMTPClient` and `SMTPMessage` against a real loopback SMTP sink.
@Suite("SMTPClient against a real loopback SMTP sink")
struct ClientSMTPTests {
  /// A sink configuration: plain SMTP, as the sink offers no STARTTLS.
  private func plain(_ sink: ClientSMTPSink, username: String? = nil, password: String? = nil)
    -> SMTPConfiguration
  {
    SMTPConfiguration(
      url: sink.url, startTLS: .never, username: username, password: password, timeout: .seconds(10)
    )
  }

  @Test("a composed plain-text email arrives with its envelope, headers and CRLF body")
  private func composedMessage() async throws {
    try await ClientSMTPSink.with { sink in
      let message = try SMTPMessage.plainText(
        from: "noreply@talentwatch.test", fromName: "talentwatch",
        to: ["anna@example.test", "ben@example.test"],
        subject: "Candidate changed job", body: "Hello Anna,\nthe candidate moved.\n",
        date: Date(timeIntervalSince1970: 784_111_777), messageID: "<n1@talentwatch.test>")
      let reply = try await SMTPClient(configuration: plain(sink)).send(message)
      #expect(reply == 250)
      let received = try sink.messages()
      #expect(received.count == 1)
      #expect(received.first?.sender == "noreply@talentwatch.test")
      #expect(received.first?.recipients == ["anna@example.test", "ben@example.test"])
      #expect(received.first?.user == nil)
      let text = received.first?.text ?? ""
      #expect(
        text.hasPrefix(
          "From: \"talentwatch\" <noreply@talentwatch.test>\r\nTo: anna@example.test, ben@example.test\r\n"
        ))
      #expect(text.contains("\r\nSubject: Candidate changed job\r\n"))
      #expect(text.contains("\r\nDate: Sun, 06 Nov 1994 08:49:37 +0000\r\n"))
      #expect(text.contains("\r\nMessage-ID: <n1@talentwatch.test>\r\n"))
      #expect(text.contains("\r\nContent-Transfer-Encoding: 7bit\r\n"))
      #expect(text.hasSuffix("\r\n\r\nHello Anna,\r\nthe candidate moved.\r\n\r\n"))
    }
  }

  @Test("raw message bytes survive byte for byte, including lines that start with a dot")
  private func dotStuffing() async throws {
    try await ClientSMTPSink.with { sink in
      let data = Array("Subject: dots\r\n\r\nfirst\r\n.\r\n..two\r\n.three\r\nlast\r\n".utf8)
      try await SMTPClient(configuration: plain(sink)).send(
        SMTPMessage(sender: "a@talentwatch.test", recipients: ["b@example.test"], data: data))
      #expect(try sink.messages().first?.text == String(decoding: data, as: UTF8.self))
    }
  }

  @Test("non-ASCII subjects and bodies are encoded so that they arrive intact")
  private func nonASCII() async throws {
    try await ClientSMTPSink.with { sink in
      let message = try SMTPMessage.plainText(
        from: "a@talentwatch.test", to: ["b@example.test"], subject: "Überraschung für Zoë – 🎉",
        body: "Grüße aus Köln")
      try await SMTPClient(configuration: plain(sink)).send(message)
      let text = try sink.messages().first?.text ?? ""
      #expect(text.contains("Subject: =?UTF-8?B?"))
      #expect(text.contains("Content-Transfer-Encoding: base64"))
      let encodedBody =
        text.components(separatedBy: "\r\n\r\n").last?.replacingOccurrences(of: "\r\n", with: "")
        ?? ""
      #expect(
        Data(base64Encoded: encodedBody).map { String(decoding: $0, as: UTF8.self) }
          == "Grüße aus Köln")
    }
  }

  @Test("SMTP AUTH sends the configured credentials; wrong ones fail with .authenticationFailed")
  private func authentication() async throws {
    try await ClientSMTPSink.with { sink in
      let message = SMTPMessage(
        sender: "a@talentwatch.test", recipients: ["b@example.test"], data: Array("x\r\n".utf8))
      try await SMTPClient(configuration: plain(sink, username: "mailer", password: "s3cret")).send(
        message)
      #expect(try sink.messages().first?.user == "mailer")
      do throws(SMTPClientError) {
        try await SMTPClient(configuration: plain(sink, username: "mailer", password: "wrong"))
          .send(message)
        Issue.record("wrong credentials were accepted")
      } catch {
        #expect(error == .authenticationFailed)
        #expect(!error.description.contains("wrong"))
        #expect(!error.isRetryable)
      }
      #expect(try sink.messages().count == 1)
    }
  }

  @Test("a refused recipient fails with .rejected (550) and a deferring one with .deferred (451)")
  private func refusedRecipients() async throws {
    try await ClientSMTPSink.with { sink in
      let client = SMTPClient(configuration: plain(sink))
      let data = Array("x\r\n".utf8)
      do throws(SMTPClientError) {
        try await client.send(
          SMTPMessage(sender: "a@t.test", recipients: ["reject@example.test"], data: data))
        Issue.record("a refused recipient was accepted")
      } catch {
        #expect(error == .rejected)
        #expect(error.replyCode == 550)
        #expect(!error.isRetryable)
        #expect(!error.description.contains("reject@"))
      }
      do throws(SMTPClientError) {
        try await client.send(
          SMTPMessage(sender: "a@t.test", recipients: ["later@example.test"], data: data))
        Issue.record("a deferring recipient was accepted")
      } catch {
        #expect(error == .deferred)
        #expect(error.replyCode == 451)
        #expect(error.isRetryable)
      }
      let received = try sink.messages()
      #expect(received.isEmpty)
    }
  }

  @Test(
    "STARTTLS required against a server without it fails with .tls; ifOffered proceeds in plain text"
  )
  private func startTLSPolicy() async throws {
    try await ClientSMTPSink.with { sink in
      let message = SMTPMessage(
        sender: "a@talentwatch.test", recipients: ["b@example.test"], data: Array("x\r\n".utf8))
      await #expect(throws: SMTPClientError.tls) {
        try await SMTPClient(configuration: SMTPConfiguration(url: sink.url)).send(message)
      }
      try await SMTPClient(configuration: SMTPConfiguration(url: sink.url, startTLS: .ifOffered))
        .send(message)
      #expect(try sink.messages().count == 1)
    }
  }

  @Test("bad addresses, no recipients and non-SMTP URLs are refused before anything is sent")
  private func invalidInput() async throws {
    try await ClientSMTPSink.with { sink in
      let client = SMTPClient(configuration: plain(sink))
      let data = Array("x\r\n".utf8)
      for message in [
        SMTPMessage(sender: "a@t.test", recipients: [], data: data),
        SMTPMessage(
          sender: "a@t.test\r\nRCPT TO:<x@y>", recipients: ["b@example.test"], data: data),
        SMTPMessage(sender: "a@t.test", recipients: ["<b@example.test>"], data: data),
      ] {
        await #expect(throws: SMTPClientError.invalidMessage) { try await client.send(message) }
      }
      #expect(throws: SMTPClientError.invalidMessage) {
        try SMTPMessage.plainText(from: "a@t.test", to: ["b@x.test\n"], subject: "s", body: "b")
      }
      let http = SMTPClient(
        configuration: SMTPConfiguration(url: "http://127.0.0.1:\(sink.port)/", startTLS: .never))
      await #expect(throws: SMTPClientError.invalidURL) {
        try await http.send(
          SMTPMessage(sender: "a@t.test", recipients: ["b@example.test"], data: data))
      }
      #expect(sink.connections() == 0)
    }
  }

  @Test("a closed port fails with .connectFailed, which is retryable")
  private func connectFailed() async throws {
    let port = try ClientTestServer.closedPort()
    let client = SMTPClient(
      configuration: SMTPConfiguration(url: "smtp://127.0.0.1:\(port)", startTLS: .never))
    do throws(SMTPClientError) {
      try await client.send(
        SMTPMessage(sender: "a@t.test", recipients: ["b@example.test"], data: [120, 13, 10]))
      Issue.record("a closed port answered")
    } catch {
      #expect(error == .connectFailed)
      #expect(error.isRetryable)
    }
  }

  @Test("several messages in a row reuse the SMTP connection")
  private func connectionReuse() async throws {
    try await ClientSMTPSink.with { sink in
      let client = SMTPClient(configuration: plain(sink))
      for index in 0..<5 {
        try await client.send(
          SMTPMessage(
            sender: "a@t.test", recipients: ["b@example.test"], data: Array("n \(index)\r\n".utf8)))
      }
      #expect(try sink.messages().map(\.text) == (0..<5).map { "n \($0)\r\n" })
      #expect(sink.connections() == 1)
    }
  }
}
