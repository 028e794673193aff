// swift-tools-version:6.0
import PackageDescription

/// One settings array for every Swift target: Swift 6 language mode with complete concurrency checking.
let swiftSettings: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "talentwatch",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "talentwatch", targets: ["talentwatch"])
  ],
  targets: [
    // C libraries from Debian, each a module map plus a shim of typed wrappers for variadic calls.
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .systemLibrary(
      name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(
      name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),

    .target(name: "Domain", swiftSettings: swiftSettings),
    .target(name: "Logging", dependencies: ["Domain"], swiftSettings: swiftSettings),
    .target(name: "Signing", dependencies: ["CCrypto"], swiftSettings: swiftSettings),
    .target(
      name: "Storage", dependencies: ["CSQLite", "Domain", "Signing"], swiftSettings: swiftSettings),
    .target(name: "HTTPServer", dependencies: ["CMicroHTTPD"], swiftSettings: swiftSettings),
    .target(name: "HTTPClient", dependencies: ["CCurl"], swiftSettings: swiftSettings),
    .target(name: "Metrics", swiftSettings: swiftSettings),
    .target(
      name: "Enrichment", dependencies: ["Domain", "HTTPClient", "Logging"],
      swiftSettings: swiftSettings),
    .target(
      name: "Notify", dependencies: ["Domain", "HTTPClient", "Logging", "Signing", "Storage"],
      swiftSettings: swiftSettings),
    .target(
      name: "Ingest", dependencies: ["Domain", "Logging", "Signing", "Storage", "HTTPServer"],
      swiftSettings: swiftSettings),
    .target(
      name: "App",
      dependencies: [
        "Domain", "Logging", "Signing", "Storage", "HTTPServer", "HTTPClient", "Ingest", "Metrics",
        "Enrichment", "Notify",
      ],
      swiftSettings: swiftSettings),
    .executableTarget(name: "talentwatch", dependencies: ["App"], swiftSettings: swiftSettings),
    // A stand-in enrichment provider: enrich API, credits, scripted changes, signed deliveries, faults.
    .executableTarget(
      name: "provider-sandbox",
      dependencies: ["Domain", "HTTPServer", "HTTPClient", "Signing", "Logging"],
      swiftSettings: swiftSettings),

    // Benchmarks: the bare libmicrohttpd handler that the server is measured against, and the server itself.
    .executableTarget(
      name: "bench-bare-server", dependencies: ["CMicroHTTPD"], path: "Benchmarks/BareServer",
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "bench-router-server", dependencies: ["HTTPServer", "Signing"], path: "Benchmarks/RouterServer",
      swiftSettings: swiftSettings),
    // An experiment for the ingest design: event loops that own a libmicrohttpd daemon and commit inline.
    .executableTarget(
      name: "bench-loop-server", dependencies: ["CMicroHTTPD", "Signing", "Storage"],
      path: "Benchmarks/LoopServer", swiftSettings: swiftSettings),
    // The delta planner at scale (1,000,000 and 100,000 candidates) and large simulation runs.
    .executableTarget(
      name: "bench-planner", dependencies: ["Domain"], path: "Benchmarks/PlannerBench",
      swiftSettings: swiftSettings),
    // The matcher's scoring kernel over a seeded synthetic population.
    .executableTarget(
      name: "bench-matcher", dependencies: ["Domain"], path: "Benchmarks/MatcherBench",
      swiftSettings: swiftSettings),
    // Loading the planner's due inputs from a real SQLite file of 1,000,000 / 100,000 candidates.
    .executableTarget(
      name: "bench-planning", dependencies: ["Domain", "Storage"], path: "Benchmarks/PlanningBench",
      swiftSettings: swiftSettings),
    // The group-commit writer's database work alone: InboxStore.append per transaction size.
    .executableTarget(
      name: "bench-inbox", dependencies: ["Storage"], path: "Benchmarks/InboxBench",
      swiftSettings: swiftSettings),
    // The notification dispatcher: throughput and enqueue-to-delivery latency to a loopback receiver.
    .executableTarget(
      name: "bench-notify",
      dependencies: ["Notify", "Domain", "Storage", "HTTPServer", "HTTPClient", "Logging", "Signing"],
      path: "Benchmarks/NotifyBench", swiftSettings: swiftSettings),

    // The re-matcher end to end on a real SQLite file: delta and full rescoring.
    .executableTarget(
      name: "bench-rematch", dependencies: ["App", "Domain", "Storage"], path: "Benchmarks/RematchBench",
      swiftSettings: swiftSettings),

    .testTarget(name: "DomainTests", dependencies: ["Domain"], swiftSettings: swiftSettings),
    .testTarget(name: "SigningTests", dependencies: ["Signing"], swiftSettings: swiftSettings),
    .testTarget(
      name: "StorageTests", dependencies: ["Storage", "Domain"], swiftSettings: swiftSettings),
    .testTarget(name: "MetricsTests", dependencies: ["Metrics"], swiftSettings: swiftSettings),
    .testTarget(
      name: "EnrichmentTests", dependencies: ["Enrichment", "Domain", "HTTPClient", "TestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "NotifyTests",
      dependencies: ["Notify", "Domain", "Storage", "Signing", "HTTPClient", "Logging", "TestSupport"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "HTTPTests", dependencies: ["HTTPServer", "HTTPClient"], swiftSettings: swiftSettings),
    .testTarget(
      name: "IngestTests",
      dependencies: ["Ingest", "Domain", "Signing", "Storage", "HTTPServer", "HTTPClient", "Logging"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "AppTests",
      dependencies: [
        "App", "Logging", "HTTPClient", "Signing", "Storage", "TestSupport", "Domain", "Enrichment", "HTTPServer",
      ],
      swiftSettings: swiftSettings),
    // End-to-end tests: the real executables as child processes over loopback.
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["TestSupport", "HTTPClient", "HTTPServer", "Signing", "Storage", "Domain"],
      swiftSettings: swiftSettings),
    // Helpers shared by the test targets (finding built executables, child processes).
    .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: swiftSettings),
  ]
)
