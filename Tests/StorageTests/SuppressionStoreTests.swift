import Domain
import Foundation
import Storage
import Testing

/// The suppression list holds keyed hashes only and matches by provider id or normalised profile URL.
@Suite("Suppression store")
struct SuppressionStoreTests {
  let pseudonymizer = Pseudonymizer(pepper: "a-suppression-test-pepper")

  @Test("a person is found again by provider id or by any spelling of their profile URL")
  func matchesByEitherIdentifier() throws {
    try withTemporaryDirectory { directory in
      let connection = try Connection(path: directory + "/s.db")
      _ = try Migrator(Schema.migrations).migrate(connection)
      let erased = PersonReference(
        provider: "crustdata", providerID: "4815162342",
        profileURL: "https://www.linkedin.com/in/ada-lovelace/")
      try SuppressionStore.add(
        pseudonymizer.identityHashes(erased), erasedAt: Date(), reason: "request", in: connection)
      let byID = PersonReference(provider: "crustdata", providerID: "4815162342")
      let byURL = PersonReference(
        provider: "coresignal", profileURL: "http://linkedin.com/in/ada-lovelace")
      let other = PersonReference(provider: "crustdata", providerID: "1")
      #expect(try SuppressionStore.contains(pseudonymizer.identityHashes(byID), in: connection))
      #expect(try SuppressionStore.contains(pseudonymizer.identityHashes(byURL), in: connection))
      #expect(!(try SuppressionStore.contains(pseudonymizer.identityHashes(other), in: connection)))

      let stored = try connection.query(
        "SELECT provider_id_hash, profile_url_hash FROM suppression_list")
      let text = stored.flatMap { $0.values }.map { "\($0)" }.joined()
      #expect(!text.contains("4815162342"))
      #expect(!text.contains("ada-lovelace"))
    }
  }

  @Test("a reference without identifiers is neither stored nor matched")
  func emptyReference() throws {
    try withTemporaryDirectory { directory in
      let connection = try Connection(path: directory + "/s.db")
      _ = try Migrator(Schema.migrations).migrate(connection)
      let empty = pseudonymizer.identityHashes(PersonReference(provider: "crustdata"))
      #expect(empty.isEmpty)
      #expect(!(try SuppressionStore.add(empty, erasedAt: Date(), reason: "x", in: connection)))
      #expect(try SuppressionStore.count(in: connection) == 0)
    }
  }
}
