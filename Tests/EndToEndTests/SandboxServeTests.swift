import Foundation
import HTTPClient
import TestSupport
import Testing

@Suite("provider-sandbox with talentwatch serve")
struct SandboxServeTests {
  @Test("the fixture people: at least 40, the nine webhook-fixture people with their ids and slugs")
  func fixturePeople() async throws {
    let sandbox = try SandboxProcess()
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let response = try await client.send(
      HTTPClientRequest(url: sandbox.baseURL + "/_sandbox/people"))
    let json = try #require(
      JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    let people = try #require(json["people"] as? [[String: Any]])
    #expect(people.count >= 40)
    let urlByID = Dictionary(
      uniqueKeysWithValues: people.compactMap { person -> (String, String)? in
        guard let id = person["id"] as? String, let url = person["profile_url"] as? String else {
          return nil
        }
        return (id, url)
      })
    let expected = [
      "4815162342": "maya-okafor", "4815162343": "daniel-lindqvist-4a1b2c",
      "4815162344": "priya-raman-ml", "4815162345": "tomas-herrera-dev",
      "4815162346": "sofia-marchetti", "4815162347": "jonas-becker-data",
      "4815162348": "aiko-tanaka", "4815162349": "liam-oconnor-pm",
      "fatima-el-idrissi": "fatima-el-idrissi",
    ]
    for (id, slug) in expected {
      #expect(urlByID[id] == "https://www.linkedin.com/in/\(slug)", "person \(id)")
    }
    #expect(people.contains { $0["crustdata_person_id"] is NSNull })
  }

  @Test(
    "talentwatch serve accepts the sandbox's signed delivery, and a repeated event id is a duplicate"
  )
  func serveAcceptsDelivery() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("sandbox-serve-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let configPath = directory.appendingPathComponent("talentwatch.json").path
    let config = """
      {"listen": "127.0.0.1:0", "database": "\(directory.appendingPathComponent("tw.db").path)",
       "pepper": "a-sandbox-test-pepper",
       "sources": [{"name": "crustdata", "scheme": "crustdata", "format": "crustdata-watch",
                    "secrets": ["\(SandboxProcess.apiKey)"]}]}
      """
    try config.write(toFile: configPath, atomically: true, encoding: .utf8)
    let serve = try ServeProcess(configPath: configPath, directory: directory)
    defer { serve.stop() }
    let sandbox = try SandboxProcess(arguments: [
      "--webhook-url", serve.baseURL + "/webhooks/crustdata",
    ])
    defer { sandbox.remove() }
    let client = HTTPClient()
    defer { client.shutdown() }
    let calls = SandboxCalls(client: client, sandbox: sandbox)
    let first = try await calls.change(
      "4815162343",
      #"{"kind":"new_job","company":"Lumen Health","title":"Senior Product Designer","event_id":"evt_demo_daniel"}"#
    )
    #expect(first.json["receiver_status"] as? Int == 202, "serve log: \(serve.log)")
    let again = try await calls.change(
      "4815162343", #"{"kind":"open_to_work","event_id":"evt_demo_daniel"}"#)
    #expect(again.json["receiver_status"] as? Int == 200)
  }
}
