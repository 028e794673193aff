/// The career data we hold about a candidate, mapped from the enrichment response (the seed's mapping
/// table): what recruiters score against, and what a refresh compares to find changes.
public struct CandidateProfile: Sendable, Hashable, Codable {
  /// Full name.
  public var name: String
  /// Profile headline.
  public var headline: String?
  /// Current job title (the default current position's title, else `basic_profile.current_title`).
  public var currentTitle: String?
  /// Current employer.
  public var currentCompany: String?
  /// Where the person lives or works.
  public var location: Location?
  /// Positions, current ones first, then past ones newest first.
  public var workHistory: [WorkExperience]
  /// Schools.
  public var education: [Education]
  /// Skills as the provider lists them (normalise before matching).
  public var skills: [String]
  /// Whether the person shows an open-to-work signal.
  public var openToWork: Bool

  /// Creates a profile.
  public init(
    name: String, headline: String? = nil, currentTitle: String? = nil,
    currentCompany: String? = nil,
    location: Location? = nil, workHistory: [WorkExperience] = [], education: [Education] = [],
    skills: [String] = [], openToWork: Bool = false
  ) {
    self.name = name
    self.headline = headline
    self.currentTitle = currentTitle
    self.currentCompany = currentCompany
    self.location = location
    self.workHistory = workHistory
    self.education = education
    self.skills = skills
    self.openToWork = openToWork
  }

  /// A place, as the provider gives it.
  public struct Location: Sendable, Hashable, Codable {
    /// The location as written (`"Amsterdam, North Holland, Netherlands"`).
    public var raw: String
    /// City, when known.
    public var city: String?
    /// State or province, when known.
    public var region: String?
    /// Country, when known.
    public var country: String?

    /// Creates a location.
    public init(raw: String, city: String? = nil, region: String? = nil, country: String? = nil) {
      self.raw = raw
      self.city = city
      self.region = region
      self.country = country
    }
  }

  /// One position in the work history.
  public struct WorkExperience: Sendable, Hashable, Codable {
    /// Employer name.
    public var company: String
    /// Title held.
    public var title: String
    /// Start date, `YYYY-MM-DD` (the provider's date-time truncated to the day), when known.
    public var startDate: String?
    /// End date, `YYYY-MM-DD`; nil for a current position.
    public var endDate: String?
    /// Whether this is a current position.
    public var isCurrent: Bool
    /// Seniority as the provider labels it (`"Senior"`, `"Entry"`, ...), when given.
    public var seniority: String?

    /// Creates a position.
    public init(
      company: String, title: String, startDate: String? = nil, endDate: String? = nil,
      isCurrent: Bool = false, seniority: String? = nil
    ) {
      self.company = company
      self.title = title
      self.startDate = startDate
      self.endDate = endDate
      self.isCurrent = isCurrent
      self.seniority = seniority
    }
  }

  /// One school.
  public struct Education: Sendable, Hashable, Codable {
    /// School name.
    public var school: String
    /// Degree, when given.
    public var degree: String?
    /// Field of study, when given.
    public var fieldOfStudy: String?
    /// First year.
    public var startYear: Int?
    /// Last year.
    public var endYear: Int?

    /// Creates an education entry.
    public init(
      school: String, degree: String? = nil, fieldOfStudy: String? = nil, startYear: Int? = nil,
      endYear: Int? = nil
    ) {
      self.school = school
      self.degree = degree
      self.fieldOfStudy = fieldOfStudy
      self.startYear = startYear
      self.endYear = endYear
    }
  }
}
