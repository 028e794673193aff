import Notify
import Testing

/// The pure SSRF address check and the resolver-backed URL guard.
@Suite("SSRF guard")
struct OutboundAddressPolicyTests {
  @Test(
    "loopback, private, link-local, metadata and unspecified addresses are refused",
    arguments: [
      ([127, 0, 0, 1], OutboundAddressPolicy.Refusal.loopback),
      ([10, 1, 2, 3], .privateNetwork), ([172, 16, 0, 1], .privateNetwork),
      ([172, 31, 255, 255], .privateNetwork), ([192, 168, 1, 1], .privateNetwork),
      ([169, 254, 1, 1], .linkLocal), ([169, 254, 169, 254], .metadata),
      ([0, 0, 0, 0], .unspecified),
    ] as [([UInt8], OutboundAddressPolicy.Refusal)])
  func refusedIPv4(address: [UInt8], refusal: OutboundAddressPolicy.Refusal) {
    #expect(OutboundAddressPolicy.refusal(for: address) == refusal)
  }

  @Test("public IPv4 addresses and the edges of private ranges are allowed")
  func allowedIPv4() {
    for address: [UInt8] in [
      [8, 8, 8, 8], [172, 15, 255, 255], [172, 32, 0, 0], [192, 169, 0, 1],
    ] {
      #expect(OutboundAddressPolicy.refusal(for: address) == nil)
    }
  }

  @Test("IPv6 loopback, unique-local, link-local, unspecified and mapped IPv4 are refused")
  func refusedIPv6() {
    var loopback = [UInt8](repeating: 0, count: 16)
    loopback[15] = 1
    #expect(OutboundAddressPolicy.refusal(for: loopback) == .loopback)
    #expect(OutboundAddressPolicy.refusal(for: [UInt8](repeating: 0, count: 16)) == .unspecified)
    #expect(
      OutboundAddressPolicy.refusal(for: [0xFD] + [UInt8](repeating: 1, count: 15))
        == .privateNetwork)
    #expect(
      OutboundAddressPolicy.refusal(for: [0xFE, 0x80] + [UInt8](repeating: 0, count: 14))
        == .linkLocal)
    let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 169, 254, 169, 254]
    #expect(OutboundAddressPolicy.refusal(for: mapped) == .metadata)
    #expect(
      OutboundAddressPolicy.refusal(
        for: [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 12)) == nil)
    #expect(OutboundAddressPolicy.refusal(for: [1, 2, 3]) == .malformed)
  }

  @Test("IPv4 inside IPv6 (compatible, NAT64, 6to4), multicast, broadcast and reserved ranges")
  func refusedCarriedAndReserved() {
    let zeros = [UInt8](repeating: 0, count: 12)
    #expect(OutboundAddressPolicy.refusal(for: zeros + [127, 0, 0, 1]) == .loopback)
    #expect(
      OutboundAddressPolicy.refusal(
        for: [0x00, 0x64, 0xFF, 0x9B] + [UInt8](repeating: 0, count: 8) + [169, 254, 169, 254])
        == .metadata)
    #expect(
      OutboundAddressPolicy.refusal(
        for: [0x20, 0x02, 10, 0, 0, 1] + [UInt8](repeating: 0, count: 10)) == .privateNetwork)
    #expect(
      OutboundAddressPolicy.refusal(for: [0xFE, 0xC0] + [UInt8](repeating: 0, count: 14))
        == .privateNetwork)
    #expect(
      OutboundAddressPolicy.refusal(for: [0xFF, 0x02] + [UInt8](repeating: 0, count: 14))
        == .reserved)
    #expect(OutboundAddressPolicy.refusal(for: [224, 0, 0, 1]) == .reserved)
    #expect(OutboundAddressPolicy.refusal(for: [255, 255, 255, 255]) == .reserved)
    #expect(OutboundAddressPolicy.refusal(for: [240, 0, 0, 1]) == .reserved)
    #expect(OutboundAddressPolicy.refusal(for: [198, 18, 0, 1]) == .privateNetwork)
    // Public addresses carried the same ways stay allowed.
    #expect(OutboundAddressPolicy.refusal(for: zeros + [8, 8, 8, 8]) == nil)
    #expect(
      OutboundAddressPolicy.refusal(
        for: [0x20, 0x02, 8, 8, 8, 8] + [UInt8](repeating: 0, count: 10)) == nil)
    #expect(OutboundAddressPolicy.refusal(for: [198, 20, 0, 1]) == nil)
  }

  @Test(
    "the URL guard resolves names: localhost is refused unless allow-listed; bad schemes are refused"
  )
  func urlGuard() {
    #expect(
      OutboundURLGuard().check("http://localhost:9/x") == .refused("target address is loopback"))
    #expect(OutboundURLGuard().check("http://[::1]:9/x") == .refused("target address is loopback"))
    #expect(
      OutboundURLGuard().check("http://169.254.169.254/latest")
        == .refused("target address is metadata"))
    #expect(OutboundURLGuard(allowedHosts: ["localhost"]).check("http://localhost:9/x") == .allowed)
    #expect(OutboundURLGuard().check("file:///etc/passwd") == .refused("not an http(s) URL"))
    #expect(OutboundURLGuard().check("http://name.invalid/x") == .unresolvable)
  }
}
