import Domain
import Foundation
import Testing

@testable import Ingest

/// Every stored delivery goes through its adapter and produces exactly what its meta file says.
@Suite("Adapter fixtures")
struct AdapterFixtureTests {
  @Test(
    "every stored delivery decodes to the signals or the error its meta file expects",
    arguments: AdapterFixture.all)
  func fixtureDecodesAsExpected(_ fixture: AdapterFixture) throws {
    let meta = try fixture.meta()
    let body = try fixture.body()
    #expect(
      fixture.name.hasPrefix(meta.format + "/"), "a fixture lives in the folder of its format")
    let adapter = try #require(PayloadAdapters.adapter(for: meta.format))
    if let expectedError = meta.expected.error {
      #expect(meta.expected.signals == nil)
      do {
        let decoded = try adapter.decode(body)
        Issue.record(
          "expected an error containing \(expectedError), got \(decoded.signals.count) signals")
      } catch {
        #expect(error.reason.contains(expectedError))
        for value in Self.stringValues(in: body) where Self.looksLikeData(value) {
          #expect(!error.reason.contains(value), "the reason must not repeat payload values")
        }
      }
      return
    }
    let decoded = try adapter.decode(body)
    #expect(decoded.isTest == (meta.expected.isTest ?? false))
    let expected = AdapterFixture.signals(from: meta.expected.signals ?? [])
    #expect(!expected.contains(nil), "every expected signal in the meta file is well formed")
    let actual = decoded.signals.map { signal in
      var rounded = signal
      rounded.detectedAt = AdapterFixture.rounded(signal.detectedAt)
      return Optional(rounded)
    }
    #expect(actual == expected)
  }

  @Test(
    "the fixture set covers every format, at least fourteen deliveries and every malformed kind")
  func fixtureSetIsComplete() throws {
    #expect(AdapterFixture.all.count >= 14)
    for format in PayloadAdapters.formats {
      #expect(!AdapterFixture.named(format: format).isEmpty, "fixtures for \(format)")
    }
    let metas = try AdapterFixture.all.map { try $0.meta() }
    let errors = metas.compactMap(\.expected.error)
    for kind in [
      "not JSON", "nesting deeper than 32 levels", "expected an integer or a string", ": missing",
    ] {
      #expect(errors.contains { $0.contains(kind) }, "a malformed fixture for \(kind)")
    }
    #expect(metas.contains { $0.expected.isTest == true && $0.format == "crustdata-watch" })
    let largestRun = metas.filter { $0.format == "crustdata-watch" }.map {
      $0.expected.signals?.count ?? 0
    }.max()
    #expect((largestRun ?? 0) >= 5)
  }

  @Test("every meta file names a source, a known scheme and a unique delivery id for replay")
  func metaFilesSupportReplay() throws {
    let metas = try AdapterFixture.all.map { try $0.meta() }
    let schemes: Set<String> = ["standard-webhooks", "crustdata", "github"]
    for meta in metas {
      #expect(!meta.source.isEmpty && !meta.description.isEmpty && !meta.eventKind.isEmpty)
      #expect(schemes.contains(meta.scheme))
    }
    #expect(Set(metas.map(\.deliveryID)).count == metas.count)
  }

  /// Whether a payload string is data rather than a vocabulary token such as `person` or `changed` (which
  /// can coincide with words in a reason): names, URLs, dates and ids all have a character outside `[a-z_.]`.
  static func looksLikeData(_ value: String) -> Bool {
    value.count >= 3 && value.contains { !($0.isLowercase && $0.isASCII) && $0 != "_" && $0 != "." }
  }

  /// The string values (not keys) of a body that parses, to check that error reasons never repeat them.
  static func stringValues(in body: [UInt8]) -> [String] {
    guard let root = try? JSONParser.parse(body) else { return [] }
    var values: [String] = []
    var stack = [root]
    while let value = stack.popLast() {
      switch value {
      case .string(let text): values.append(text)
      case .array(let elements): stack.append(contentsOf: elements)
      case .object(let members): stack.append(contentsOf: members.map(\.value))
      default: break
      }
    }
    return values
  }
}
