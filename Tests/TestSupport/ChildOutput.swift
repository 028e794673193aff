public import Foundation

/// Reading what a child process says when it starts.
public enum ChildOutput {
  /// The first line the child writes to `handle` (its stdout pipe), waiting until it arrives; what was
  /// read when the child closed the pipe without a newline (it exited) otherwise.
  public static func firstLine(of handle: FileHandle) -> String {
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    return String(decoding: line, as: UTF8.self)
  }
}
