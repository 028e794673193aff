import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A free loopback port, found by binding port 0 and closing: the demo needs the service's port before
/// the service starts, because the sandbox must know where to post its deliveries.
enum DemoPorts {
  static func free() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw NoPort() }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
        bind(descriptor, socketAddress, length) == 0
          && getsockname(descriptor, socketAddress, &length) == 0
      }
    }
    guard bound else { throw NoPort() }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// No loopback port could be found.
  struct NoPort: Error, CustomStringConvertible {
    var description: String { "no free loopback port" }
  }
}
