import Testing

@testable import Notify

/// Addresses as text for pinning a request to what the SSRF guard checked.
@Suite("host resolver")
struct HostResolverTests {
  @Test("addresses print as libcurl expects them; the guard hands out what it checked")
  func addressText() {
    #expect(HostResolver.text(of: [93, 184, 216, 34]) == "93.184.216.34")
    #expect(
      HostResolver.text(of: [0x26, 0x06, 0x28, 0] + [UInt8](repeating: 0, count: 11) + [1])
        == "2606:2800::1")
    #expect(HostResolver.text(of: [1, 2, 3]) == nil)
    let guarded = OutboundURLGuard(allowedHosts: ["localhost"])
    #expect(guarded.vet("http://127.0.0.1:9/x").verdict == .refused("target address is loopback"))
    #expect(guarded.vet("http://localhost:9/x").addresses.isEmpty, "allow-listed: not pinned")
    let literal = OutboundURLGuard().vet("http://93.184.216.34/x")
    #expect(literal.verdict == .allowed && literal.addresses == ["93.184.216.34"])
  }
}
