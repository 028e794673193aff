public import Foundation

/// Finds the executables this package builds, for tests that run them as child processes.
public enum ProductBinary {
  /// The built executable `name` (`talentwatch`, `provider-sandbox`, ...).
  ///
  /// `swift build --build-tests` and `swift test` put every product of the package in one directory,
  /// `.build/<triple>/debug/`: the test runner (`talentwatchPackageTests.xctest`) and the executables side
  /// by side. So a binary is found next to the running test executable (`/proc/self/exe` on Linux,
  /// `Bundle.main` elsewhere); as a fallback, in `.build/debug/` of this package.
  public static func url(named name: String) throws -> URL {
    var candidates: [URL] = []
    if let runner = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: runner).deletingLastPathComponent())
    }
    if let bundle = Bundle.main.executableURL {
      candidates.append(bundle.resolvingSymlinksInPath().deletingLastPathComponent())
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug"))
    for directory in candidates {
      let binary = directory.appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    }
    throw MissingBinary(name: name, searched: candidates.map(\.path))
  }

  /// The package's root folder, found from this file's path.
  public static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The executable was not built.
  public struct MissingBinary: Error, CustomStringConvertible {
    /// The product name.
    public let name: String
    /// Where it was looked for.
    public let searched: [String]
    /// A sentence saying what to do.
    public var description: String {
      "\(name) not found in \(searched); run `swift build --build-tests` first"
    }
  }
}
