/// Which resolved addresses an outbound notification may go to: the pure half of the SSRF guard.
///
/// Refused: loopback (127/8, ::1), private (10/8, 172.16/12, 192.168/16, fc00::/7, the deprecated
/// site-local fec0::/10), shared (100.64/10), benchmarking (198.18/15), link-local (169.254/16 with the
/// cloud metadata address 169.254.169.254, fe80::/10), unspecified (0/8, ::), reserved and broadcast
/// (240/4) and multicast (224/4, ff00::/8) addresses; also an IPv4 address carried inside IPv6
/// (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), which is
/// judged as that IPv4 address.
public enum OutboundAddressPolicy {
  /// Why an address is refused.
  public enum Refusal: String, Sendable, Hashable {
    /// 127.0.0.0/8 or ::1.
    case loopback
    /// RFC 1918, RFC 6598 shared space, or IPv6 unique-local.
    case privateNetwork = "private"
    /// 169.254.0.0/16 or fe80::/10.
    case linkLocal = "link-local"
    /// 169.254.169.254, the cloud instance metadata service.
    case metadata
    /// 0.0.0.0/8 or ::.
    case unspecified
    /// Multicast, broadcast, or a reserved range no public service answers on.
    case reserved
    /// Neither 4 nor 16 bytes.
    case malformed
  }

  /// The reason `address` (4 or 16 bytes, network order) is refused, or nil when it may be used.
  public static func refusal(for address: [UInt8]) -> Refusal? {
    switch address.count {
    case 4: return refusal(ipv4: address)
    case 16:
      if address[0..<10].allSatisfy({ $0 == 0 }) && address[10] == 0xFF && address[11] == 0xFF {
        return refusal(ipv4: Array(address[12..<16]))
      }
      if address.allSatisfy({ $0 == 0 }) { return .unspecified }
      if address[0..<15].allSatisfy({ $0 == 0 }) && address[15] == 1 { return .loopback }
      // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::/48) reach an IPv4
      // address: judge that one.
      if address[0..<12].allSatisfy({ $0 == 0 }) { return refusal(ipv4: Array(address[12..<16])) }
      if address[0..<4] == [0x00, 0x64, 0xFF, 0x9B] && address[4..<12].allSatisfy({ $0 == 0 }) {
        return refusal(ipv4: Array(address[12..<16]))
      }
      if address[0] == 0x20 && address[1] == 0x02 { return refusal(ipv4: Array(address[2..<6])) }
      if address[0] & 0xFE == 0xFC { return .privateNetwork }
      if address[0] == 0xFE && address[1] & 0xC0 == 0x80 { return .linkLocal }
      if address[0] == 0xFE && address[1] & 0xC0 == 0xC0 { return .privateNetwork }
      if address[0] == 0xFF { return .reserved }
      return nil
    default: return .malformed
    }
  }

  private static func refusal(ipv4 a: [UInt8]) -> Refusal? {
    if a == [169, 254, 169, 254] { return .metadata }
    switch (a[0], a[1]) {
    case (0, _): return .unspecified
    case (127, _): return .loopback
    case (10, _): return .privateNetwork
    case (172, 16...31): return .privateNetwork
    case (192, 168): return .privateNetwork
    case (100, 64...127): return .privateNetwork
    case (169, 254): return .linkLocal
    case (198, 18...19): return .privateNetwork
    case (224...255, _): return .reserved
    default: return nil
    }
  }
}
