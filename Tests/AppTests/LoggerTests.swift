import Domain
import Foundation
import Logging
import Testing

@testable import App

/// 2026-12-03T16:00:00.123Z, read with Foundation's own ISO 8601 parser (independent of the logger's formatter).
private func sampleInstant() throws -> Date {
  let formatter = ISO8601DateFormatter()
  formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
  return try #require(formatter.date(from: "2026-12-03T16:00:00.123Z"))
}

/// Decodes one log line as a JSON object.
private func decode(_ line: String) throws -> [String: Any] {
  let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
  return try #require(object as? [String: Any])
}

@Suite("Logger")
struct LoggerTests {
  @Test("a line is one JSON object: time, level, label, message, then metadata sorted by key")
  func lineShape() throws {
    let sink = Logger.MemorySink()
    let logger = Logger(label: "ingest", sink: sink, clock: ManualClock(try sampleInstant()))
    logger.info(
      "delivery stored",
      ["webhook.id": "msg_1", "inbox.count": 3, "duplicate": false, "ratio": 0.5])
    #expect(
      sink.lines == [
        #"{"time":"2026-12-03T16:00:00.123Z","level":"info","label":"ingest","message":"delivery stored","#
          + #""duplicate":false,"inbox.count":3,"ratio":0.5,"webhook.id":"msg_1"}"# + "\n"
      ])
    let object = try decode(try #require(sink.lines.first))
    #expect(object["webhook.id"] as? String == "msg_1")
    #expect(object["inbox.count"] as? Int == 3)
  }

  @Test("awkward text is escaped so every line stays one valid JSON object")
  func escaping() throws {
    let sink = Logger.MemorySink()
    let logger = Logger(label: "la\"bel", sink: sink)
    let nasty = "quote \" backslash \\ newline \n tab \t bell \u{07} separator \u{2028} é 🎉"
    logger.warning("odd input", ["source.name": .string(nasty), "time": "shadowed"])
    let line = try #require(sink.lines.first)
    #expect(line.hasSuffix("}\n"))
    #expect(line.dropLast().contains("\n") == false)
    let object = try decode(line)
    #expect(object["source.name"] as? String == nasty)
    #expect(object["label"] as? String == "la\"bel")
    #expect(object["metadata.time"] as? String == "shadowed")
    #expect(object["time"] as? String != "shadowed")
  }

  @Test("values under sensitive keys are written as [redacted]")
  func redaction() throws {
    let sink = Logger.MemorySink()
    let logger = Logger(label: "http", sink: sink)
    let sensitive = [
      "source.secret", "user.token", "db.password", "http.authorization", "webhook.signature",
      "request.body",
      "event.payload", "candidate.email", "candidate.phone", "provider.api_key", "http.cookie",
      "user.token_sha256", "request.raw_body", "x.API_KEY", "signature",
    ]
    var metadata: Logger.Metadata = [
      "webhook.id": "msg_1", "source.name": "crustdata", "size.bytes": 12,
    ]
    for key in sensitive { metadata[key] = "VALUE-\(key)" }
    logger.error("request failed", metadata)
    let line = try #require(sink.lines.first)
    #expect(!line.contains("VALUE-"))
    let object = try decode(line)
    for key in sensitive { #expect(object[key] as? String == "[redacted]", "\(key) not redacted") }
    #expect(object["webhook.id"] as? String == "msg_1")
    #expect(object["source.name"] as? String == "crustdata")
    #expect(object["size.bytes"] as? Int == 12)
  }

  @Test("the redaction rule looks at the last dotted segment only")
  func redactionRule() {
    #expect(Logger.Redaction.isSensitive("http.request.authorization"))
    #expect(Logger.Redaction.isSensitive("Cookie"))
    #expect(!Logger.Redaction.isSensitive("token.id"))
    #expect(!Logger.Redaction.isSensitive("signature.scheme"))
    #expect(!Logger.Redaction.isSensitive("webhook.id"))
    #expect(!Logger.Redaction.isSensitive("candidate.id"))
  }

  @Test("lines below the logger's level are dropped")
  func levelFiltering() throws {
    let sink = Logger.MemorySink()
    let logger = Logger(label: "t", level: .warning, sink: sink)
    logger.debug("d")
    logger.info("i")
    logger.notice("n")
    logger.warning("w")
    logger.error("e")
    let levels = try sink.lines.map { try decode($0)["level"] as? String }
    #expect(levels == ["warning", "error"])
    #expect(!logger.isEnabled(.notice) && logger.isEnabled(.error))
    #expect(LogLevel.allCases == [.debug, .info, .notice, .warning, .error])
    #expect(LogLevel.allCases.sorted() == LogLevel.allCases)
  }

  @Test("metadata given to the logger is added to every line; a line's own keys win")
  func boundMetadata() throws {
    let sink = Logger.MemorySink()
    let logger = Logger(label: "t", sink: sink).adding(["source.name": "a", "run": 1]).labeled(
      "ingest")
    logger.info("one", ["run": 2])
    let object = try decode(try #require(sink.lines.first))
    #expect(object["source.name"] as? String == "a")
    #expect(object["run"] as? Int == 2)
    #expect(object["label"] as? String == "ingest")
  }

  @Test("timestamps are RFC 3339 UTC with milliseconds, across eras and leap days")
  func timestamps() {
    #expect(Logger.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    #expect(
      Logger.timestamp(Date(timeIntervalSince1970: 951_782_400.5)) == "2000-02-29T00:00:00.500Z")
    #expect(
      Logger.timestamp(Date(timeIntervalSince1970: 1_709_251_199.999)) == "2024-02-29T23:59:59.999Z"
    )
    #expect(Logger.timestamp(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
  }

  @Test("lines written from many tasks at once each arrive whole")
  func concurrentWrites() async throws {
    let sink = Logger.MemorySink()
    let logger = Logger(label: "t", sink: sink)
    await withTaskGroup(of: Void.self) { group in
      for task in 0..<8 {
        group.addTask {
          for index in 0..<100 {
            logger.info("tick", ["task": .integer(task), "index": .integer(index)])
          }
        }
      }
    }
    #expect(sink.lines.count == 800)
    for line in sink.lines { _ = try decode(line) }
  }
}
