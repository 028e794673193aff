import Enrichment
import Foundation

extension CreditPrices {
  /// The keys a `provider.credit_prices` object may have.
  enum ConfigurationKey: String, CaseIterable {
    case enrich, phone
    case businessEmail = "business_email"
    case personalEmail = "personal_email"
  }

  /// Reads a `credit_prices` object; every key is optional, each a non-negative number, and a missing
  /// key keeps the published price.
  init(_ value: ConfigurationValue) throws(ConfigurationError) {
    let object = try value.object(ConfigurationKey.self)
    let published = CreditPrices.published
    func price(_ key: ConfigurationKey, _ fallback: Double) throws(ConfigurationError) -> Double {
      guard let item = object.optional(key) else { return fallback }
      guard let number = item.raw as? NSNumber, !ConfigurationValue.isBoolean(number),
        number.doubleValue.isFinite, number.doubleValue >= 0
      else { throw item.wrongType("a non-negative number") }
      return number.doubleValue
    }
    self.init(
      enrich: try price(.enrich, published.enrich),
      businessEmail: try price(.businessEmail, published.businessEmail),
      personalEmail: try price(.personalEmail, published.personalEmail),
      phone: try price(.phone, published.phone))
  }
}
