import Foundation
import HTTPClient
import Testing

@Suite("provider-sandbox: the enrich API")
struct SandboxEnrichTests {
  @Test(
    "known people come back in the envelope with only the asked sections, unknown ones with no matches, one credit each"
  )
  func enrichKnownAndUnknown() async throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let calls = SandboxCalls(client: client, sandbox: sandbox)
    let urls = [
      "https://www.linkedin.com/in/maya-okafor", "https://linkedin.com/in/Priya-Raman-ML/",
      "https://www.linkedin.com/in/nobody-we-know",
    ]
    let response = try await calls.enrich(urls, fields: ["basic_profile", "experience"])
    #expect(response.status == 200)
    let entries = try envelope(response)
    #expect(entries.count == 3)
    #expect(entries.map { $0["matched_on"] as? String } == urls)
    #expect(
      entries.allSatisfy { $0["match_type"] as? String == "professional_network_profile_url" })
    let maya = try #require((entries[0]["matches"] as? [[String: Any]])?.first)
    #expect(maya["confidence_score"] as? Int == 1)
    let data = try #require(maya["person_data"] as? [String: Any])
    #expect(data["crustdata_person_id"] as? Int == 4_815_162_342)
    #expect(
      (data["metadata"] as? [String: Any])?["updated_at"] as? String == "2026-11-12T08:14:00Z")
    #expect((data["basic_profile"] as? [String: Any])?["name"] as? String == "Maya Okafor")
    #expect(data["experience"] != nil)
    #expect(data["skills"] == nil && data["education"] == nil && data["contact"] == nil)
    #expect(data["professional_network"] == nil)
    #expect((entries[1]["matches"] as? [[String: Any]])?.count == 1)
    #expect((entries[2]["matches"] as? [[String: Any]])?.isEmpty == true)

    let ledger = try await calls.credits()
    #expect(ledger.total == 2)
    #expect(ledger.entries.count == 1)
    #expect(ledger.entries.first?["operation"] as? String == "enrich")
    #expect(
      ledger.entries.first?["profiles"] as? [String] == [
        "https://www.linkedin.com/in/maya-okafor", "https://www.linkedin.com/in/priya-raman-ml",
      ])
    #expect(sandbox.log.contains("\"message\":\"enrich answered\""))
    #expect(!sandbox.log.contains("maya-okafor"), "a profile URL reached the log")
  }

  @Test("the professional_network section carries the photo and the open-to-work cards")
  func professionalNetworkSection() async throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let response = try await SandboxCalls(client: client, sandbox: sandbox).enrich(
      ["https://www.linkedin.com/in/priya-raman-ml"], fields: ["professional_network"])
    let entries = try envelope(response)
    let matches = try #require(entries.first?["matches"] as? [[String: Any]])
    let data = try #require(matches.first?["person_data"] as? [String: Any])
    let network = try #require(data["professional_network"] as? [String: Any])
    #expect((network["profile_picture_permalink"] as? String)?.hasPrefix("https://") == true)
    let cards = try #require(network["open_to_cards"] as? [[String: Any]])
    #expect(cards.contains { $0["card_type"] as? String == "CAREER_INTEREST" })
  }

  @Test("a call without the key, or with a wrong one, is answered 401 and costs nothing")
  func unauthorized() async throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let calls = SandboxCalls(client: client, sandbox: sandbox)
    let url = ["https://www.linkedin.com/in/maya-okafor"]
    #expect(try await calls.enrich(url, key: nil).status == 401)
    #expect(try await calls.enrich(url, key: "not-the-key").status == 401)
    #expect(try await calls.credits().total == 0)
    #expect(!sandbox.log.contains(SandboxProcess.apiKey), "the API key reached the log")
  }

  @Test("one malformed URL fails the whole batch with 400 and nothing is billed")
  func malformedURLFailsBatch() async throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let calls = SandboxCalls(client: client, sandbox: sandbox)
    for bad in [
      "not a url", "https://example.com/in/maya-okafor", "https://www.linkedin.com/company/acme",
    ] {
      let response = try await calls.enrich(["https://www.linkedin.com/in/maya-okafor", bad])
      #expect(response.status == 400, "accepted \(bad)")
    }
    #expect(try await calls.credits().total == 0)
  }

  @Test("26 URLs in one call are refused with 400; 25 are answered")
  func batchLimit() async throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let calls = SandboxCalls(client: client, sandbox: sandbox)
    let urls = (1...26).map { "https://www.linkedin.com/in/unknown-person-\($0)" }
    #expect(try await calls.enrich(urls).status == 400)
    let answered = try await calls.enrich(Array(urls.prefix(25)))
    #expect(answered.status == 200)
    #expect(try envelope(answered).count == 25)
    #expect(try await calls.credits().total == 0)
  }

  @Test("the contact section is billed on top of the profile: business +1, personal +2, phone +2")
  func contactBilledExtra() async throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let calls = SandboxCalls(client: client, sandbox: sandbox)
    // Maya has all three kinds; Daniel only a business email.
    let response = try await calls.enrich(
      [
        "https://www.linkedin.com/in/maya-okafor",
        "https://www.linkedin.com/in/daniel-lindqvist-4a1b2c",
      ],
      fields: ["basic_profile", "contact"])
    let entries = try envelope(response)
    let maya = try #require(
      (entries[0]["matches"] as? [[String: Any]])?.first?["person_data"] as? [String: Any])
    let contact = try #require(maya["contact"] as? [String: Any])
    #expect((contact["business_emails"] as? [String])?.count == 1)
    #expect((contact["personal_emails"] as? [String])?.count == 1)
    #expect((contact["phone_numbers"] as? [String])?.count == 1)
    let ledger = try await calls.credits()
    #expect(ledger.total == (1 + 1 + 2 + 2) + (1 + 1))
    #expect(ledger.entries.first?["operation"] as? String == "enrich+contact")
    _ = try await calls.enrich(["https://www.linkedin.com/in/maya-okafor"])
    #expect(try await calls.credits().total == 8 + 1)
  }

  @Test("with --state the ledger survives a restart")
  func stateSurvivesRestart() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("sandbox-state-\(UUID().uuidString.prefix(8))")
    let statePath = directory.appendingPathComponent("state.json").path
    let first = try SandboxProcess(arguments: ["--state", statePath], directory: directory)
    let client = HTTPClient()
    defer { client.shutdown() }
    _ = try await SandboxCalls(client: client, sandbox: first).enrich([
      "https://www.linkedin.com/in/aiko-tanaka"
    ])
    #expect(first.terminate() == 0)
    let second = try SandboxProcess(arguments: ["--state", statePath], directory: directory)
    defer { second.remove() }
    let ledger = try await SandboxCalls(client: client, sandbox: second).credits()
    #expect(ledger.total == 1)
    #expect(
      ledger.entries.first?["profiles"] as? [String] == ["https://www.linkedin.com/in/aiko-tanaka"])
  }
}
