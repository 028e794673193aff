import Foundation
import HTTPClient
import TestSupport
import Testing

@Suite("operations: metrics and readiness of a running server")
struct OperationsMetricsTests {
  /// Parses an exposition with prometheus_client's parser; refuses untyped families and repeated names.
  static let parser = """
    import json, sys
    from prometheus_client.parser import text_string_to_metric_families
    text = sys.stdin.read()
    seen, out = set(), {}
    for family in text_string_to_metric_families(text):
        if family.type == "unknown":
            sys.exit("untyped family " + family.name)
        if family.name in seen:
            sys.exit("repeated family " + family.name)
        seen.add(family.name)
        out[family.name] = {"type": family.type,
                            "samples": [[s.name, s.labels, s.value] for s in family.samples]}
    print(json.dumps(out))
    """

  /// The parsed families: name → (type, samples of [name, labels, value]).
  static func parse(_ exposition: String) async throws -> [String: Any] {
    let result = try await Operations.run(
      try Operations.python(), ["-c", parser], input: exposition)
    #expect(result.status == 0, "prometheus_client refused the exposition: \(result.error)")
    let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    return object as? [String: Any] ?? [:]
  }

  /// The value of the sample called `name` with exactly `labels` among the parsed families.
  static func value(_ families: [String: Any], _ name: String, _ labels: [String: String] = [:])
    -> Double?
  {
    for case let family as [String: Any] in families.values {
      for case let sample as [Any] in family["samples"] as? [Any] ?? [] {
        guard sample.count == 3, sample[0] as? String == name,
          sample[1] as? [String: String] == labels
        else { continue }
        return (sample[2] as? NSNumber)?.doubleValue
      }
    }
    return nil
  }

  @Test(
    "GET /metrics parses strictly with prometheus_client and its counters move with real traffic")
  func exposition() async throws {
    let sandbox = try ServeSandbox()
    defer { sandbox.remove() }
    let server = try await offPool { try sandbox.start() }
    defer { server.stop() }
    let client = HTTPClient()
    defer { client.shutdown() }

    let first = try await Operations.get(client, server.baseURL + "/metrics")
    #expect(first.status == 200)
    let before = try await Self.parse(first.text)
    #expect(
      (before["talentwatch_http_request_duration_seconds"] as? [String: Any])?["type"] as? String
        == "histogram")
    #expect(Self.value(before, "process_resident_memory_bytes").map { $0 > 1_000_000 } == true)
    #expect(Self.value(before, "process_open_fds").map { $0 > 3 } == true)
    #expect(Self.value(before, "talentwatch_uptime_seconds").map { $0 >= 0 } == true)

    for index in 0..<3 {
      #expect(
        try await Operations.post(client, baseURL: server.baseURL, id: "msg_metrics_\(index)")
          == 202)
    }
    #expect(try await Operations.post(client, baseURL: server.baseURL, id: "msg_metrics_0") == 200)
    let forged = try await Operations.post(
      client, baseURL: server.baseURL, id: "msg_forged", secret: Operations.rotatedSecret)
    #expect(forged == 401)
    #expect(try await Operations.get(client, server.baseURL + "/healthz").status == 200)

    let after = try await Self.parse(
      try await Operations.get(client, server.baseURL + "/metrics").text)
    let delivered = "talentwatch_webhook_deliveries_total"
    #expect(Self.value(after, delivered, ["source": "partner", "outcome": "accepted"]) == 3)
    #expect(Self.value(after, delivered, ["source": "partner", "outcome": "duplicate"]) == 1)
    #expect(Self.value(after, delivered, ["source": "partner", "outcome": "refused"]) == 1)
    #expect(
      Self.value(
        after, "talentwatch_webhook_verification_failures_total",
        ["source": "partner", "reason": "no_matching_signature"]) == 1)
    let webhookCount = Self.value(
      after, "talentwatch_http_request_duration_seconds_count",
      ["method": "POST", "route": "/webhooks/{source}", "status": "202"])
    #expect(webhookCount == 3)
    let infBucket = Self.value(
      after, "talentwatch_http_request_duration_seconds_bucket",
      ["method": "POST", "route": "/webhooks/{source}", "status": "202", "le": "+Inf"])
    #expect(infBucket == 3)
    let stored = ["pending", "processed", "ignored", "quarantined", "suppressed"].compactMap {
      Self.value(after, "talentwatch_inbox_deliveries", ["status": $0])
    }
    #expect(stored.reduce(0, +) == 3)
    #expect(Self.value(after, "talentwatch_inbox_oldest_pending_age_seconds") != nil)
    // The scrape itself is observed too, under its route pattern.
    #expect(
      Self.value(
        after, "talentwatch_http_request_duration_seconds_count",
        ["method": "GET", "route": "/metrics", "status": "200"]) == 1)
    // The processor records each delivery's receipt-to-processing lag; wait for it to take all three.
    var lagCount = 0.0
    for _ in 0..<100 where lagCount < 3 {
      let scrape = try await Self.parse(
        try await Operations.get(client, server.baseURL + "/metrics").text)
      lagCount = Self.value(scrape, "talentwatch_signal_processing_lag_seconds_count") ?? 0
      if lagCount < 3 { try await Task.sleep(for: .milliseconds(100)) }
    }
    #expect(lagCount == 3)
    server.send(SIGTERM)
    #expect(try await offPool { server.waitForExit() } == 0)
  }

  @Test("every response carries x-request-id and the webhook endpoint logs it")
  func requestIDInLogs() async throws {
    let sandbox = try ServeSandbox()
    defer { sandbox.remove() }
    let server = try await offPool { try sandbox.start() }
    defer { server.stop() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let body = Operations.body(id: "msg_unsigned")
    let response = try await client.send(
      HTTPClientRequest(
        method: "POST", url: server.baseURL + "/webhooks/partner",
        headers: [("x-request-id", "ops-req-42"), ("webhook-id", "msg_unsigned")], body: body))
    #expect(response.status == 400)
    #expect(response.header("x-request-id") == "ops-req-42")
    server.send(SIGTERM)
    #expect(try await offPool { server.waitForExit() } == 0)
    let line = server.log.split(separator: "\n").first { $0.contains("webhook delivery refused") }
    let object = line.flatMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    #expect(object?["request.id"] as? String == "ops-req-42")
    #expect(object?["time"] != nil && object?["level"] as? String == "notice")
    #expect(!server.log.contains("crustdata\",\"id\""), "a body reached the log")
  }
}
