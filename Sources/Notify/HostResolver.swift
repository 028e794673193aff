#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Resolves host names to addresses with `getaddrinfo` (blocking; callers keep it off hot paths).
public struct HostResolver: Sendable {
  /// Creates a resolver.
  public init() {}

  /// Every address of `host` as 4 or 16 bytes in network order; empty when it does not resolve.
  /// A literal address (`127.0.0.1`, `::1`) resolves to itself.
  public func addresses(of host: String) -> [[UInt8]] {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var result: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [] }
    defer { freeaddrinfo(first) }
    var addresses: [[UInt8]] = []
    var cursor: UnsafeMutablePointer<addrinfo>? = first
    while let info = cursor {
      if let socketAddress = info.pointee.ai_addr {
        switch info.pointee.ai_family {
        case AF_INET:
          socketAddress.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
            var address = pointer.pointee.sin_addr
            addresses.append(withUnsafeBytes(of: &address) { Array($0) })
          }
        case AF_INET6:
          socketAddress.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
            var address = pointer.pointee.sin6_addr
            addresses.append(withUnsafeBytes(of: &address) { Array($0) })
          }
        default: break
        }
      }
      cursor = info.pointee.ai_next
    }
    var unique: [[UInt8]] = []
    for address in addresses where !unique.contains(address) { unique.append(address) }
    return unique
  }

  /// An address of 4 or 16 bytes (network order) as text (`93.184.216.34`, `2606:2800::1`), nil otherwise.
  public static func text(of address: [UInt8]) -> String? {
    let family: Int32
    switch address.count {
    case 4: family = AF_INET
    case 16: family = AF_INET6
    default: return nil
    }
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    let written = address.withUnsafeBytes { bytes in
      inet_ntop(family, bytes.baseAddress, &buffer, socklen_t(buffer.count))
    }
    guard written != nil else { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
