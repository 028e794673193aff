import Foundation
import HTTPClient
import Signing
import Testing

@Suite("provider-sandbox: scripted changes and signed watch deliveries")
struct SandboxChangeTests {
  @Test(
    "a new job updates the served profile and posts a watch delivery our Crustdata verifier accepts"
  )
  func newJobDelivered() async throws {
    let verifier = WebhookVerifier(
      scheme: .crustdata,
      secrets: [try WebhookSecret(scheme: .crustdata, text: SandboxProcess.apiKey)])
    let receiver = try DeliveryReceiver(verifier: verifier)
    defer { receiver.stop() }
    let sandbox = try SandboxProcess(arguments: [
      "--webhook-url", receiver.url, "--webhook-scheme", "crustdata",
    ])
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let calls = SandboxCalls(client: client, sandbox: sandbox)

    let answer = try await calls.change(
      "4815162342",
      #"{"kind":"new_job","company":"Kestrel Payments","title":"Staff Software Engineer"}"#)
    #expect(answer.status == 200)
    #expect(answer.json["delivery_id"] as? String == "evt_sbx_4815162342_1")
    #expect(answer.json["receiver_status"] as? Int == 202)
    #expect(answer.json["delivered"] as? Bool == true)

    // The receiver answered before the sandbox did, so the delivery is already here.
    let deliveries = receiver.deliveries
    #expect(deliveries.count == 1)
    let delivery = try #require(deliveries.first)
    #expect(delivery.failure == nil)
    #expect(delivery.verifiedID == "evt_sbx_4815162342_1")
    let payload = try #require(
      JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any])
    let metadata = try #require(payload["metadata"] as? [String: Any])
    #expect(metadata["test"] as? Bool == false)
    #expect(metadata["watch_id"] != nil && metadata["run_id"] != nil)
    #expect(metadata["notification_id"] != nil && metadata["delivered_at"] != nil)
    let result = try #require((payload["results"] as? [[String: Any]])?.first)
    let changes = try #require(result["changes"] as? [[String: Any]])
    let job = try #require(
      changes.first { $0["field"] as? String == "experience.employment_details.current" })
    #expect((job["from"] as? [[String: Any]])?.first?["name"] as? String == "Northwind Analytics")
    #expect((job["to"] as? [[String: Any]])?.first?["name"] as? String == "Kestrel Payments")
    let record = try #require(result["record"] as? [String: Any])
    #expect(record["crustdata_person_id"] as? Int == 4_815_162_342)
    #expect(record["contact"] == nil)

    // The enrich API now serves the new job and a fresher updated_at.
    let enriched = try envelope(
      try await calls.enrich(
        ["https://www.linkedin.com/in/maya-okafor"], fields: ["basic_profile", "experience"]))
    let data = try #require(
      (enriched.first?["matches"] as? [[String: Any]])?.first?["person_data"] as? [String: Any])
    #expect(
      (data["basic_profile"] as? [String: Any])?["current_title"] as? String
        == "Staff Software Engineer")
    let current = (data["experience"] as? [String: Any]).flatMap {
      $0["employment_details"] as? [String: Any]
    }
    #expect(
      (current?["current"] as? [[String: Any]])?.first?["name"] as? String == "Kestrel Payments")
    #expect(
      (current?["past"] as? [[String: Any]])?.first?["name"] as? String == "Northwind Analytics")
    let updated = (data["metadata"] as? [String: Any])?["updated_at"] as? String ?? ""
    #expect(updated > "2026-11-12T08:14:00Z")
  }

  @Test("event ids are stable: the given event_id, else person id plus a change counter")
  func stableEventIDs() async throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let calls = SandboxCalls(client: client, sandbox: sandbox)
    let first = try await calls.change("jonas-becker-data", #"{"kind":"open_to_work"}"#)
    #expect(first.json["delivery_id"] as? String == "evt_sbx_4815162347_1")
    let second = try await calls.change("4815162347", #"{"kind":"not_open_to_work"}"#)
    #expect(second.json["delivery_id"] as? String == "evt_sbx_4815162347_2")
    let third = try await calls.change(
      "4815162347",
      #"{"kind":"moved","location":"Hamburg, Hamburg, Germany","event_id":"evt_demo_1"}"#)
    #expect(third.json["delivery_id"] as? String == "evt_demo_1")
    // A person without a provider id is addressed by slug.
    let fatima = try await calls.change("fatima-el-idrissi", #"{"kind":"open_to_work"}"#)
    #expect(fatima.json["delivery_id"] as? String == "evt_sbx_fatima-el-idrissi_1")
    // Changes that change nothing, bad bodies and unknown people are refused.
    #expect(try await calls.change("4815162347", #"{"kind":"not_open_to_work"}"#).status == 409)
    #expect(try await calls.change("4815162347", #"{"kind":"new_job"}"#).status == 422)
    #expect(try await calls.change("no-such-person", #"{"kind":"open_to_work"}"#).status == 404)
  }

  @Test(
    "with --webhook-scheme standard-webhooks the delivery verifies with the Standard Webhooks secret"
  )
  func standardWebhooksDelivery() async throws {
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    let verifier = WebhookVerifier(
      scheme: .standardWebhooks,
      secrets: [try WebhookSecret(scheme: .standardWebhooks, text: secret)])
    let receiver = try DeliveryReceiver(verifier: verifier)
    defer { receiver.stop() }
    let sandbox = try SandboxProcess(arguments: [
      "--webhook-url", receiver.url, "--webhook-scheme", "standard-webhooks", "--webhook-secret",
      secret,
    ])
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let answer = try await SandboxCalls(client: client, sandbox: sandbox).change(
      "aiko-tanaka", #"{"kind":"moved","location":"Osaka, Osaka, Japan"}"#)
    #expect(answer.json["receiver_status"] as? Int == 202)
    #expect(receiver.deliveries.map(\.verifiedID) == ["evt_sbx_4815162348_1"])
    #expect(!sandbox.log.contains(secret), "the webhook secret reached the log")
  }
}
