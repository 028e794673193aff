import Foundation

/// The SSRF guard for notification targets: the URL must be http(s), and every address its host resolves
/// to must pass `OutboundAddressPolicy`, unless the host is allow-listed (`notifications.allow_private_hosts`).
///
/// `vet` also returns the addresses it checked; the dispatcher pins the request to them
/// (`HTTPClientRequest.pinnedAddresses`), so libcurl does not resolve the name again and a name whose
/// records change after the check (DNS rebinding) cannot lead to another address.
public struct OutboundURLGuard: Sendable {
  /// What the guard concluded.
  public enum Verdict: Sendable, Hashable {
    /// The URL may be used.
    case allowed
    /// The host did not resolve (worth retrying later).
    case unresolvable
    /// Refused, with a reason safe to log (no URL).
    case refused(String)
  }

  /// Host names and literal addresses exempt from the address check, lower-cased.
  public let allowedHosts: Set<String>
  private let resolver: HostResolver

  /// Creates a guard allowing `allowedHosts` (e.g. `["127.0.0.1", "localhost"]` in tests).
  public init(allowedHosts: [String] = [], resolver: HostResolver = HostResolver()) {
    self.allowedHosts = Set(allowedHosts.map { Self.bare($0.lowercased()) })
    self.resolver = resolver
  }

  /// Checks `url`.
  public func check(_ url: String) -> Verdict { vet(url).verdict }

  /// Checks `url` and returns the addresses that passed, to connect to and nowhere else (empty for an
  /// allow-listed host, which is connected to as libcurl resolves it).
  public func vet(_ url: String) -> (verdict: Verdict, addresses: [String]) {
    guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let rawHost = components.host, !rawHost.isEmpty
    else { return (.refused("not an http(s) URL"), []) }
    let host = Self.bare(rawHost.lowercased())
    if allowedHosts.contains(host) { return (.allowed, []) }
    let addresses = resolver.addresses(of: host)
    if addresses.isEmpty { return (.unresolvable, []) }
    for address in addresses {
      if let refusal = OutboundAddressPolicy.refusal(for: address) {
        return (.refused("target address is \(refusal.rawValue)"), [])
      }
    }
    return (.allowed, addresses.compactMap(HostResolver.text(of:)))
  }

  /// A host without IPv6 brackets.
  private static func bare(_ host: String) -> String {
    host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
  }
}
