import Domain
import Testing

@Test(
  "profile URLs written differently normalise to one spelling",
  arguments: [
    ("https://www.linkedin.com/in/ada-lovelace", "https://linkedin.com/in/ada-lovelace"),
    ("http://nl.linkedin.com/in/Ada-Lovelace/?trk=abc#x", "https://linkedin.com/in/ada-lovelace"),
    ("  https://LinkedIn.com/in/ada-lovelace//  ", "https://linkedin.com/in/ada-lovelace"),
    ("https://www.example.org/people/Ada", "https://example.org/people/Ada"),
    ("linkedin.com/in/ada-lovelace", "https://linkedin.com/in/ada-lovelace"),
    ("www.linkedin.com/in/Ada-Lovelace/", "https://linkedin.com/in/ada-lovelace"),
    // Only linkedin.com and its subdomains are LinkedIn: another host keeps its own name.
    ("https://evil-linkedin.com/in/ada-lovelace", "https://evil-linkedin.com/in/ada-lovelace"),
  ])
func normalisesProfileURLs(input: String, expected: String) {
  #expect(ProfileURL.normalize(input) == expected)
}

@Test(
  "text that is not an http(s) URL with a host is refused",
  arguments: ["", "linkedin", "ftp://x.org/a", "https://"])
func refusesNonURLs(input: String) {
  #expect(ProfileURL.normalize(input) == nil)
}
