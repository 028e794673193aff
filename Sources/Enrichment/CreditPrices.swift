/// What each provider operation costs, in credits. Defaults are Crustdata's published prices.
public struct CreditPrices: Sendable, Hashable {
  /// One enriched profile.
  public var enrich: Double
  /// A business email on top of the profile.
  public var businessEmail: Double
  /// A personal email on top of the profile.
  public var personalEmail: Double
  /// A phone number on top of the profile.
  public var phone: Double

  /// Creates a price list; the defaults are the published prices (1, 1, 2, 2).
  public init(enrich: Double = 1, businessEmail: Double = 1, personalEmail: Double = 2, phone: Double = 2)
  {
    self.enrich = enrich
    self.businessEmail = businessEmail
    self.personalEmail = personalEmail
    self.phone = phone
  }

  /// The published prices.
  public static let published = CreditPrices()
}
