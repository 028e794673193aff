/// How senior a role or a person is, in order, so a vacancy can ask for a band such as `.mid ... .lead`.
public enum Seniority: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// Intern, trainee, working student.
  case intern = 0
  /// Junior, entry level, graduate.
  case junior
  /// Mid level, medior.
  case mid
  /// Senior.
  case senior
  /// Lead or staff: leads people or technical direction.
  case lead
  /// Principal, distinguished.
  case principal
  /// Head of, director, vice president.
  case director
  /// Executive: C-level, owner, partner.
  case executive

  /// Orders levels from intern to executive.
  public static func < (lhs: Seniority, rhs: Seniority) -> Bool { lhs.rawValue < rhs.rawValue }

  /// A readable English name (`"Senior"`), for explanation sentences.
  public var label: String {
    switch self {
    case .intern: "Intern"
    case .junior: "Junior"
    case .mid: "Mid-level"
    case .senior: "Senior"
    case .lead: "Lead"
    case .principal: "Principal"
    case .director: "Director"
    case .executive: "Executive"
    }
  }

  /// The level a normalised title token names (`"senior"`, `"junior"`, `"cto"`), or nil for a role word.
  ///
  /// Title tokens reach this after `TitleTokenizer` expanded abbreviations, so `Sr.` arrives as `senior`.
  public init?(titleToken token: String) {
    switch token {
    case "intern", "internship", "trainee", "apprentice", "werkstudent": self = .intern
    case "junior", "entry", "graduate": self = .junior
    case "mid", "medior", "intermediate": self = .mid
    case "senior": self = .senior
    case "lead", "staff": self = .lead
    case "principal", "distinguished": self = .principal
    case "head", "director", "vp": self = .director
    case "chief", "cto", "ceo", "cfo", "coo", "cio", "cpo", "executive": self = .executive
    default: return nil
    }
  }

  /// The level a provider's seniority label names (`"Senior"`, `"Entry"`, `"CXO"`), or nil when unknown.
  public init?(providerLabel label: String) {
    switch FeatureText.trimmed(label.lowercased()) {
    case "training", "unpaid", "intern", "internship": self = .intern
    case "entry", "junior": self = .junior
    case "mid", "medior": self = .mid
    case "senior": self = .senior
    case "manager", "lead", "staff": self = .lead
    case "principal": self = .principal
    case "director", "vp", "head": self = .director
    case "cxo", "owner", "partner", "executive": self = .executive
    default: return nil
    }
  }
}
