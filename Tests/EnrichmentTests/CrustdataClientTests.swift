import Domain
import Enrichment
import Foundation
import HTTPClient
import Synchronization
import TestSupport
import Testing

/// A `provider-sandbox` child process for client tests.
private final class ClientSandbox: Sendable {
  let port: Int
  private let process: Process

  init(apiKey: String) throws {
    let process = Process()
    process.executableURL = try ProductBinary.url(named: "provider-sandbox")
    process.arguments = [
      "--listen", "127.0.0.1:0", "--api-key", apiKey, "--profiles",
      ProductBinary.packageRoot.appendingPathComponent("fixtures/provider/profiles").path,
    ]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    self.process = process
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self)
    port = text.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
  }

  func stop() {
    process.terminate()
    process.waitUntilExit()
  }
}

/// Charges the client reported.
private final class Charges: Sendable {
  private let storage = Mutex<[CreditCharge]>([])
  var all: [CreditCharge] { storage.withLock { $0 } }
  func record(_ charge: CreditCharge) { storage.withLock { $0.append(charge) } }
}

@Suite("Crustdata client against the provider sandbox")
struct CrustdataClientTests {
  @Test("matched, unknown and invalid URLs in one call; one charge for the matched profile")
  func enrichMixed() async throws {
    let sandbox = try ClientSandbox(apiKey: "key-1")
    defer { sandbox.stop() }
    let charges = Charges()
    let client = CrustdataClient(
      configuration: CrustdataClientConfiguration(
        baseURL: "http://127.0.0.1:\(sandbox.port)/", apiKey: "key-1", timeout: .seconds(30)),
      http: HTTPClient(), clock: SystemClock(), recorder: { charges.record($0) })
    let outcomes = try await client.enrich(
      profileURLs: [
        "https://www.linkedin.com/in/Aiko-Tanaka/", "https://linkedin.com/in/nobody-we-know",
        "not a url",
      ], purpose: EnrichmentPurpose(reason: "refresh", candidateIDs: [7]))
    #expect(outcomes.count == 3)
    guard case .matched(let person) = outcomes[0].result else {
      Issue.record("expected a match, got \(outcomes[0].result)")
      return
    }
    #expect(person.profile.name == "Aiko Tanaka")
    #expect(person.providerID == "4815162348")
    #expect(person.sensitiveFields["photo_url"] != nil)
    #expect(outcomes[1].result == .noMatch)
    #expect(outcomes[2].result == .invalidURL)
    #expect(charges.all.map(\.credits) == [1])
    #expect(charges.all.first?.purpose.candidateIDs == [7])
  }

  @Test("a refused key is an unauthorized error and costs nothing")
  func wrongKey() async throws {
    let sandbox = try ClientSandbox(apiKey: "key-1")
    defer { sandbox.stop() }
    let charges = Charges()
    let client = CrustdataClient(
      configuration: CrustdataClientConfiguration(
        baseURL: "http://127.0.0.1:\(sandbox.port)", apiKey: "wrong", timeout: .seconds(30)),
      http: HTTPClient(), clock: SystemClock(), recorder: { charges.record($0) })
    await #expect(throws: EnrichmentError.self) {
      _ = try await client.enrich(
        profileURLs: ["https://linkedin.com/in/aiko-tanaka"],
        purpose: EnrichmentPurpose(reason: "add"))
    }
    do {
      _ = try await client.enrich(
        profileURLs: ["https://linkedin.com/in/aiko-tanaka"],
        purpose: EnrichmentPurpose(reason: "add"))
    } catch {
      #expect(error.kind == .unauthorized)
    }
    #expect(charges.all.isEmpty)
  }
}
