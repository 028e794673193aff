import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds the fixtures a replay sends: files, folders (searched recursively) and glob patterns, in a
/// stable order (sorted by path within each argument, arguments in the order given, each file once).
///
/// Only paths are collected here; bodies are read one at a time when they are sent.
enum ReplayFixtureWalker {
  /// The `.body` files named by `arguments`; a `NAME.meta.json` argument stands for `NAME.body`.
  static func bodyPaths(_ arguments: [String]) throws -> [String] {
    var seen: Set<String> = []
    var result: [String] = []
    for argument in arguments {
      var found: [String] = []
      for path in try expand(argument) {
        found.append(contentsOf: try bodies(at: path))
      }
      if found.isEmpty { throw ReplayError("\(argument): no fixtures (NAME.body files) found") }
      for path in found.sorted() where seen.insert(path).inserted {
        result.append(path)
      }
    }
    return result
  }

  /// The paths a glob pattern matches, or the argument itself when it has no pattern characters.
  private static func expand(_ argument: String) throws -> [String] {
    guard argument.contains(where: { "*?[".contains($0) }) else { return [argument] }
    var matches = glob_t()
    defer { globfree(&matches) }
    guard glob(argument, 0, nil, &matches) == 0 else {
      throw ReplayError("\(argument): the pattern matches nothing")
    }
    var paths: [String] = []
    for index in 0..<Int(matches.gl_pathc) {
      if let pointer = matches.gl_pathv[index] { paths.append(String(cString: pointer)) }
    }
    return paths
  }

  /// The `.body` files at `path`: the file itself, or every one under a folder.
  private static func bodies(at path: String) throws -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ReplayError("\(path): no such file or folder")
    }
    if !isDirectory.boolValue {
      if path.hasSuffix(".body") { return [path] }
      if path.hasSuffix(".meta.json") {
        return [String(path.dropLast(".meta.json".count)) + ".body"]
      }
      throw ReplayError("\(path): expected a NAME.body or NAME.meta.json fixture file")
    }
    guard let enumerator = FileManager.default.enumerator(atPath: path) else {
      throw ReplayError("\(path): the folder cannot be read")
    }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      if relative.hasSuffix(".body") {
        found.append((path as NSString).appendingPathComponent(relative))
      }
    }
    return found
  }
}
