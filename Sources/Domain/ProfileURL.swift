import Foundation

/// Profile URLs in one canonical spelling, so the same person is found however a provider writes the link.
public enum ProfileURL {
  /// Returns the canonical form of a profile URL, or nil when the text is not an http(s) URL with a host.
  ///
  /// Rules: scheme `https`; host lowercased with a leading `www.` or country prefix (`nl.`, `uk.`) removed
  /// for linkedin.com; query, fragment and trailing slashes dropped; for LinkedIn `/in/<slug>` the slug is
  /// lowercased (LinkedIn slugs are case-insensitive). So `http://NL.linkedin.com/in/Ada-L/?trk=x` becomes
  /// `https://linkedin.com/in/ada-l`.
  public static func normalize(_ text: String) -> String? {
    var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    // "linkedin.com/in/ada" and "www.linkedin.com/in/ada" name the same profile as with a scheme.
    if !trimmed.contains("://"), trimmed.prefix(while: { $0 != "/" }).contains(".") {
      trimmed = "https://" + trimmed
    }
    guard let components = URLComponents(string: trimmed),
      let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
      var host = components.host?.lowercased(), !host.isEmpty
    else { return nil }
    if host == "linkedin.com" || host.hasSuffix(".linkedin.com") {
      host = "linkedin.com"
    } else if host.hasPrefix("www.") {
      host.removeFirst(4)
    }
    var path = components.percentEncodedPath
    while path.hasSuffix("/") { path.removeLast() }
    if host == "linkedin.com" { path = path.lowercased() }
    return "https://\(host)\(path)"
  }
}
