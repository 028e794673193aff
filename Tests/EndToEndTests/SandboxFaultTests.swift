import Foundation
import HTTPClient
import Testing

@Suite("provider-sandbox: seeded fault injection")
struct SandboxFaultTests {
  /// The statuses of `count` sequential single-person enrich calls (0 for a body that is not JSON).
  private func statuses(seed: Int, count: Int) async throws -> (
    codes: [Int], billed: Int, answered: Int
  ) {
    let sandbox = try SandboxProcess(arguments: [
      "--seed", String(seed), "--fault-rate-429", "0.2", "--fault-rate-500", "0.2",
      "--fault-rate-malformed", "0.2",
    ])
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let calls = SandboxCalls(client: client, sandbox: sandbox)
    var codes: [Int] = []
    var answered = 0
    for _ in 0..<count {
      let response = try await calls.enrich(["https://www.linkedin.com/in/liam-oconnor-pm"])
      if response.status == 429 { #expect(response.header("Retry-After") == "1") }
      let parsed = (try? JSONSerialization.jsonObject(with: Data(response.body))) != nil
      codes.append(parsed ? response.status : 0)
      if response.status == 200 && parsed { answered += 1 }
    }
    return (codes, try await calls.credits().total, answered)
  }

  @Test("the same seed gives the same fault sequence; faulted calls cost nothing")
  func reproducibleAndFree() async throws {
    let first = try await statuses(seed: 42, count: 30)
    let again = try await statuses(seed: 42, count: 30)
    let other = try await statuses(seed: 7, count: 30)
    #expect(first.codes == again.codes)
    #expect(first.codes != other.codes)
    #expect(Set(first.codes).isSuperset(of: [200, 429, 500, 0]), "codes: \(first.codes)")
    // One credit per normally answered call, none for a 429, a 500 or a malformed body.
    #expect(first.billed == first.answered)
    #expect(other.billed == other.answered)
  }

  @Test(
    "a slow fault answers past the client's timeout without holding up other requests, and is free")
  func slowFault() async throws {
    let sandbox = try SandboxProcess(arguments: [
      "--fault-rate-slow", "1", "--slow-seconds", "3",
    ])
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let calls = SandboxCalls(client: client, sandbox: sandbox)
    let clock = ContinuousClock()
    let started = clock.now
    async let slow: HTTPClientResponse = calls.enrich(
      ["https://www.linkedin.com/in/maya-okafor"], timeout: .milliseconds(800))
    async let slowToo: HTTPClientResponse = calls.enrich(
      ["https://www.linkedin.com/in/maya-okafor"], timeout: .milliseconds(800))
    // While two answers are deferred, the server still answers at once.
    let ledger = try await calls.credits()
    #expect(ledger.total == 0)
    #expect(clock.now - started < .seconds(2))
    do {
      let response = try await slow
      Issue.record("answered \(response.status) before the timeout")
    } catch {
      #expect((error as? HTTPClientError) == .timeout)
    }
    do {
      let response = try await slowToo
      Issue.record("answered \(response.status) before the timeout")
    } catch {
      #expect((error as? HTTPClientError) == .timeout)
    }
    #expect(try await calls.credits().total == 0)
  }
}
