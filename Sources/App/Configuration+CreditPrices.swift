import Foundation

extension Configuration {
  /// The provider's prices in credits (`provider.credit_prices`); defaults are the published prices.
  public struct CreditPrices: Sendable, Equatable {
    /// One enriched profile (`enrich`).
    public let enrich: Double
    /// A business email (`business_email`).
    public let businessEmail: Double
    /// A personal email (`personal_email`).
    public let personalEmail: Double
    /// A phone number (`phone`).
    public let phone: Double

    /// Creates a price list; defaults 1, 1, 2, 2.
    public init(enrich: Double = 1, businessEmail: Double = 1, personalEmail: Double = 2, phone: Double = 2)
    {
      self.enrich = enrich
      self.businessEmail = businessEmail
      self.personalEmail = personalEmail
      self.phone = phone
    }

    /// The published prices.
    public static let published = CreditPrices()

    /// The keys a price object may have.
    enum Key: String, CaseIterable {
      case enrich, phone
      case businessEmail = "business_email"
      case personalEmail = "personal_email"
    }

    /// Reads a `credit_prices` object; every key is optional, each a non-negative number.
    init(_ value: ConfigurationValue) throws(ConfigurationError) {
      let object = try value.object(Key.self)
      func price(_ key: Key, _ fallback: Double) throws(ConfigurationError) -> Double {
        guard let item = object.optional(key) else { return fallback }
        guard let number = item.raw as? NSNumber, !ConfigurationValue.isBoolean(number),
          number.doubleValue.isFinite, number.doubleValue >= 0
        else { throw item.wrongType("a non-negative number") }
        return number.doubleValue
      }
      self.init(
        enrich: try price(.enrich, 1), businessEmail: try price(.businessEmail, 1),
        personalEmail: try price(.personalEmail, 2), phone: try price(.phone, 2))
    }
  }
}
