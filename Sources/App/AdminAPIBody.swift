import Domain
import Foundation

/// A decoded JSON request body with typed field readers that fail with a 422 naming the field.
struct AdminAPIBody {
  /// The top-level object.
  let object: [String: Any]

  /// Decodes `bytes` as a JSON object (an empty body is an empty object).
  init(_ bytes: [UInt8]) throws(AdminAPIFailure) {
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      object = [:]
      return
    }
    guard let decoded = try? JSONSerialization.jsonObject(with: Data(bytes)),
      let object = decoded as? [String: Any]
    else { throw AdminAPIFailure.invalid("body", "expected a JSON object") }
    self.object = object
  }

  /// Wraps an already decoded object (a nested one).
  init(object: [String: Any]) { self.object = object }

  /// Whether `key` is present and not null.
  func has(_ key: String) -> Bool { object[key] != nil && !(object[key] is NSNull) }

  /// An optional non-empty string.
  func string(_ key: String) throws(AdminAPIFailure) -> String? {
    guard has(key) else { return nil }
    guard let text = object[key] as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty
    else {
      throw AdminAPIFailure.invalid(key, "expected a non-empty string")
    }
    return text
  }

  /// A required non-empty string.
  func requiredString(_ key: String) throws(AdminAPIFailure) -> String {
    guard let text = try string(key) else { throw AdminAPIFailure.invalid(key, "required") }
    return text
  }

  /// An optional boolean.
  func bool(_ key: String) throws(AdminAPIFailure) -> Bool? {
    guard has(key) else { return nil }
    guard let number = object[key] as? NSNumber, String(cString: number.objCType) == "c" else {
      throw AdminAPIFailure.invalid(key, "expected true or false")
    }
    return number.boolValue
  }

  /// An optional positive integer id (a JSON number or a decimal string).
  func id(_ key: String) throws(AdminAPIFailure) -> Int64? {
    guard has(key) else { return nil }
    if let number = object[key] as? NSNumber, String(cString: number.objCType) != "c",
      let value = Int64(exactly: number.doubleValue), value > 0
    {
      return value
    }
    if let text = object[key] as? String, let value = Int64(text), value > 0 { return value }
    throw AdminAPIFailure.invalid(key, "expected a positive integer id")
  }

  /// An optional non-negative integer.
  func integer(_ key: String) throws(AdminAPIFailure) -> Int? {
    guard has(key) else { return nil }
    guard let number = object[key] as? NSNumber, String(cString: number.objCType) != "c",
      let value = Int(exactly: number.doubleValue), value >= 0
    else { throw AdminAPIFailure.invalid(key, "expected a non-negative integer") }
    return value
  }

  /// An optional array of non-empty strings.
  func strings(_ key: String) throws(AdminAPIFailure) -> [String]? {
    guard has(key) else { return nil }
    guard let values = object[key] as? [String],
      values.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty })
    else { throw AdminAPIFailure.invalid(key, "expected an array of non-empty strings") }
    return values
  }

  /// An optional nested object.
  func nested(_ key: String) throws(AdminAPIFailure) -> AdminAPIBody? {
    guard has(key) else { return nil }
    guard let value = object[key] as? [String: Any] else {
      throw AdminAPIFailure.invalid(key, "expected an object")
    }
    return AdminAPIBody(object: value)
  }

  /// Vacancy criteria from `criteria` (snake_case keys; seniority `{"min": "senior", "max": "lead"}`).
  func criteria(_ key: String = "criteria") throws(AdminAPIFailure) -> VacancyCriteria? {
    guard let body = try nested(key) else { return nil }
    func field(_ name: String) -> String { "\(key).\(name)" }
    func list(_ name: String) throws(AdminAPIFailure) -> [String] {
      do {
        return try body.strings(name) ?? []
      } catch {
        throw AdminAPIFailure.invalid(field(name), "expected an array of non-empty strings")
      }
    }
    var seniority: ClosedRange<Seniority>?
    if let range = try body.nested("seniority") {
      func level(_ name: String) throws(AdminAPIFailure) -> Seniority {
        guard let text = range.object[name] as? String,
          let level = Seniority.allCases.first(where: { "\($0)" == text.lowercased() })
        else {
          throw AdminAPIFailure.invalid(
            field("seniority.\(name)"),
            "expected one of \(Seniority.allCases.map { "\($0)" }.joined(separator: ", "))")
        }
        return level
      }
      let low = try level("min")
      let high = try level("max")
      guard low <= high else {
        throw AdminAPIFailure.invalid(field("seniority"), "min is above max")
      }
      seniority = low...high
    }
    let remote: Bool?
    let years: Int?
    do { remote = try body.bool("remote_allowed") } catch {
      throw AdminAPIFailure.invalid(field("remote_allowed"), "expected true or false")
    }
    do { years = try body.integer("minimum_years") } catch {
      throw AdminAPIFailure.invalid(field("minimum_years"), "expected an integer from 0 to 80")
    }
    // The matcher scores 0–80 years; anything else would leave the vacancy silently unscored.
    if let years, !(0...80).contains(years) {
      throw AdminAPIFailure.invalid(field("minimum_years"), "expected an integer from 0 to 80")
    }
    return VacancyCriteria(
      titles: try list("titles"), requiredSkills: try list("required_skills"),
      preferredSkills: try list("preferred_skills"), locations: try list("locations"),
      remoteAllowed: remote ?? false, minimumYears: years ?? 0, seniority: seniority)
  }
}
