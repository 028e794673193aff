import Foundation
import Logging
import Testing

@testable import App

/// A valid source object, to build documents whose mistake is elsewhere.
private let goodSource =
  #"{"name": "a", "scheme": "github", "format": "canonical", "secrets": ["s1"]}"#

/// Every kind of mistake, as (document, expected `path: message`).
private let mistakes: [(String, String)] = [
  (
    #"{"sources": [\#(goodSource), {"name": "b", "scheme": "github", "format": "canonical", "secrets": ["", "x"]}]}"#,
    "sources[1].secrets[0]: empty secret"
  ),
  (
    #"{"sources": [{"name": "a", "scheme": "github", "format": "canonical", "secrets": ["s"], "colour": "red"}]}"#,
    "sources[0].colour: unknown key"
  ),
  (#"{"colour": "red"}"#, "colour: unknown key"),
  (#"{"server": {"threads": 2, "thread": 3}}"#, "server.thread: unknown key"),
  (#"{"sources": [{"nmae": "a"}]}"#, "sources[0].nmae: unknown key"),
  (
    #"{"sources": [{"name": "a", "scheme": "foo", "format": "canonical", "secrets": ["s"]}]}"#,
    #"sources[0].scheme: unknown scheme "foo" (expected one of crustdata, github, standard-webhooks)"#
  ),
  (
    #"{"sources": [{"name": "a", "scheme": "github", "format": "xml", "secrets": ["s"]}]}"#,
    #"sources[0].format: unknown format "xml" (expected one of canonical, coresignal, crustdata-legacy-watcher, crustdata-watch, tamradar)"#
  ),
  (#"{"listen": "8080"}"#, #"listen: expected "HOST:PORT""#),
  (#"{"listen": 8080}"#, "listen: expected a string"),
  (#"{"max_body_bytes": 0}"#, "max_body_bytes: expected a positive integer"),
  (#"{"max_body_bytes": -5}"#, "max_body_bytes: expected a positive integer"),
  (#"{"max_body_bytes": 1.5}"#, "max_body_bytes: expected a positive integer"),
  (#"{"max_body_bytes": true}"#, "max_body_bytes: expected a positive integer"),
  (#"{"max_body_bytes": "1MB"}"#, "max_body_bytes: expected a positive integer"),
  (
    #"{"sources": [{"name": "a", "scheme": "github", "format": "canonical", "secrets": ["env:NOT_SET_ANYWHERE"]}]}"#,
    "sources[0].secrets[0]: environment variable NOT_SET_ANYWHERE is not set"
  ),
  (
    #"{"database": "env:"}"#,
    #"database: expected "env:NAME" with a variable name of letters, digits and _"#
  ),
  (
    #"{"sources": [{"name": "a", "scheme": "github", "secrets": ["s"]}]}"#,
    "sources[0].format: missing required key"
  ),
  (
    #"{"sources": [\#(goodSource), \#(goodSource)]}"#,
    #"sources[1].name: duplicate source name "a""#
  ),
  (
    #"{"sources": [{"name": "Big Name", "scheme": "github", "format": "canonical", "secrets": ["s"]}]}"#,
    "sources[0].name: expected 1 to 64 characters of a-z, 0-9, _ and -"
  ),
  (
    #"{"sources": [{"name": "a", "scheme": "github", "format": "canonical", "secrets": []}]}"#,
    "sources[0].secrets: expected at least one secret"
  ),
  (
    #"{"sources": [{"name": "a", "scheme": "github", "format": "canonical", "secrets": "s"}]}"#,
    "sources[0].secrets: expected a list"
  ),
  (
    #"{"sources": [{"name": "a", "scheme": "github", "format": "canonical", "secrets": ["s"], "tolerance_seconds": 0}]}"#,
    "sources[0].tolerance_seconds: expected an integer from 1 to 86400"
  ),
  (#"{"sources": {}}"#, "sources: expected a list"),
  (#"{"server": []}"#, "server: expected an object"),
  (
    #"{"log_level": "loud"}"#,
    #"log_level: unknown log level "loud" (expected one of debug, error, info, notice, warning)"#
  ),
  (#"{"pepper": ""}"#, "pepper: empty secret"),
  (#"{"pepper": "short"}"#, "pepper: secret too short (expected at least 16 characters)"),
  (
    #"{"provider": {"base_url": "http://127.0.0.1:8700"}}"#,
    "provider.api_key: missing required key"
  ),
  (
    #"{"provider": {"api_key": "k", "batch_size": 26}}"#,
    "provider.batch_size: expected an integer from 1 to 25"
  ),
  (
    #"{"provider": {"api_key": "k", "base_url": "ftp://x"}}"#,
    "provider.base_url: expected an http or https URL"
  ),
  (
    #"{"provider": {"api_key": "k", "credit_prices": {"phone": -1}}}"#,
    "provider.credit_prices.phone: expected a non-negative number"
  ),
  (
    #"{"provider": {"api_key": "k", "credit_prices": {"enrich": true}}}"#,
    "provider.credit_prices.enrich: expected a non-negative number"
  ),
  (
    #"{"provider": {"api_key": "k", "credit_prices": {"fax": 1}}}"#,
    "provider.credit_prices.fax: unknown key"
  ),
  (
    #"{"provider": {"api_key": "k", "kind": "pdl"}}"#,
    #"provider.kind: unknown provider kind "pdl" (expected one of crustdata)"#
  ),
  (
    #"{"users": [{"id": "u", "name": "N", "role": "boss", "token_sha256": "\#(sampleTokenHash)"}]}"#,
    #"users[0].role: unknown role "boss" (expected one of admin, operator, recruiter)"#
  ),
  (
    #"{"users": [{"id": "u", "name": "N", "role": "admin", "token_sha256": "abc"}]}"#,
    "users[0].token_sha256: expected 64 hexadecimal characters (the SHA-256 of the token)"
  ),
  (
    #"{"users": [{"id": "u", "name": "N", "role": "admin", "token_sha256": "\#(sampleTokenHash)"}, {"id": "u", "name": "M", "role": "admin", "token_sha256": "\#(String(repeating: "cd", count: 32))"}]}"#,
    #"users[1].id: duplicate user id "u""#
  ),
  (
    #"{"users": [{"id": "u", "name": "N", "role": "admin", "token_sha256": "\#(sampleTokenHash)", "channels": [{"kind": "email", "url": "https://x.example"}]}]}"#,
    #"users[0].channels[0].url: not allowed for kind "email""#
  ),
  (
    #"{"users": [{"id": "u", "name": "N", "role": "admin", "token_sha256": "\#(sampleTokenHash)", "channels": [{"kind": "webhook", "url": "https://x.example"}]}]}"#,
    "users[0].channels[0].secret: missing required key"
  ),
  (#"[1, 2]"#, "expected a JSON object"),
]

@Suite("Configuration: every mistake names its key path")
struct ConfigurationErrorTests {
  @Test("a mistake is reported as its key path and what is wrong", arguments: mistakes)
  func mistakeNamesItsPath(document: String, expected: String) {
    #expect(throws: ConfigurationError.self) { try parseConfiguration(document) }
    do {
      _ = try parseConfiguration(document)
    } catch {
      #expect(error.description == expected)
    }
  }

  @Test("an empty secret has its own error code and a path down to the list index")
  func emptySecretCode() {
    let document =
      #"{"sources": [\#(goodSource), {"name": "b", "scheme": "github", "format": "canonical", "secrets": ["", "x"]}]}"#
    do {
      _ = try parseConfiguration(document)
      Issue.record("an empty secret was accepted")
    } catch {
      #expect(error.code == .emptySecret)
      #expect(error.path == "sources[1].secrets[0]")
      #expect(error.message == "empty secret")
    }
  }

  @Test("a missing environment variable is named, its key path too, and no value appears")
  func missingEnvironmentVariable() {
    do {
      _ = try parseConfiguration(#"{"pepper": "env:TW_PEPPER"}"#, environment: ["OTHER": "value-x"])
      Issue.record("a missing variable was accepted")
    } catch {
      #expect(error.code == .missingEnvironmentVariable)
      #expect(error.description == "pepper: environment variable TW_PEPPER is not set")
    }
  }

  @Test("text that is not JSON is refused without echoing the file's content")
  func invalidJSON() {
    do {
      _ = try parseConfiguration(#"{"pepper": hunter2-secret}"#)
      Issue.record("invalid JSON was accepted")
    } catch {
      #expect(error.code == .invalidJSON)
      #expect(error.description.hasPrefix("not valid JSON"))
      #expect(!error.description.contains("hunter2"))
    }
  }

  @Test("secret values never appear in error messages")
  func secretsNotInErrors() {
    let secret = "TOP-SECRET-VALUE"
    let environment = ["SECRET": secret]
    let documents = [
      #"{"listen": "env:SECRET"}"#,
      #"{"pepper": "\#(secret)", "listen": "\#(secret)"}"#,
      #"{"provider": {"api_key": "env:SECRET", "base_url": "https://\#(secret)@/"}}"#,
      #"{"sources": [{"name": "a", "scheme": "github", "format": "canonical", "secrets": ["env:SECRET", ""]}]}"#,
      #"{"users": [{"id": "u", "name": "N", "role": "admin", "token_sha256": "\#(sampleTokenHash)", "channels": [{"kind": "webhook", "url": "https://x.example/\#(secret)", "secret": "env:SECRET", "address": "a@b.c"}]}]}"#,
      #"{"users": [{"id": "u", "name": "N", "role": "admin", "token_sha256": "\#(sampleTokenHash)", "channels": [{"kind": "email", "address": "\#(secret)"}]}]}"#,
    ]
    for document in documents {
      do {
        _ = try parseConfiguration(document, environment: environment)
        Issue.record("expected a mistake in \(document)")
      } catch {
        #expect(!error.description.contains(secret), "leaked: \(error.description)")
        #expect(!String(reflecting: error).contains(secret), "leaked: \(String(reflecting: error))")
      }
    }
  }

  @Test("a --config file that does not exist is an unreadable-file error naming the file")
  func missingFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    do {
      _ = try Configuration.load(
        file: "nope.json", environment: [:], workingDirectory: directory.path)
      Issue.record("a missing file was accepted")
    } catch {
      #expect(error.code == .unreadableFile)
      #expect(error.file == "nope.json")
      #expect(error.description == "the configuration file does not exist")
    }
  }

  @Test("a mistake in a file is attributed to that file")
  func mistakeInFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("talentwatch.json", #"{"listen": "nowhere"}"#)
    do {
      _ = try Configuration.load(file: nil, environment: [:], workingDirectory: directory.path)
      Issue.record("a bad listen was accepted")
    } catch {
      #expect(error.file == "talentwatch.json")
      #expect(error.description == #"listen: expected "HOST:PORT""#)
    }
  }
}
