/// The English sentences behind each contribution: short, specific, and built from the same numbers as the
/// points. They name skills, titles and places as the recruiter wrote them.
extension Matcher {
  /// `"3 of 4 required skills: Swift, SQL, Linux; missing Go"`, or `"No required skills asked"`.
  static func skillSentence(
    _ kind: String, _ candidate: CandidateFeatures, _ ids: [Int32], _ names: [String]
  ) -> String {
    guard !ids.isEmpty else { return "No \(kind) skills asked" }
    var have: [String] = []
    var missing: [String] = []
    for (id, name) in zip(ids, names) {
      if binaryContains(candidate.skills, id) { have.append(name) } else { missing.append(name) }
    }
    let noun = ids.count == 1 ? "skill" : "skills"
    var sentence = "\(have.count) of \(ids.count) \(kind) \(noun)"
    if !have.isEmpty { sentence += ": " + have.joined(separator: ", ") }
    if !missing.isEmpty { sentence += "; missing " + missing.joined(separator: ", ") }
    return sentence
  }

  /// `"Current title “Senior Backend Developer” shares 1 of 2 words with “Backend Engineer”"`.
  static func titleSentence(
    _ candidate: CandidateFeatures, _ vacancy: VacancyFeatures,
    _ match: (index: Int, matched: Int, points: Int)
  ) -> String {
    guard match.index >= 0 else { return "No title asked; any title fits" }
    guard let label = candidate.titleLabel else { return "No current title known" }
    if match.matched == 0 {
      return "Current title “\(label)” shares no words with \(quotedList(vacancy.titleNames))"
    }
    let size = vacancy.titles[match.index].count
    let noun = size == 1 ? "word" : "words"
    return
      "Current title “\(label)” shares \(match.matched) of \(size) \(noun) with “\(vacancy.titleNames[match.index])”"
  }

  /// `"Senior, within the band Mid-level to Lead"`.
  static func senioritySentence(_ level: Seniority?, _ band: ClosedRange<Seniority>?) -> String {
    guard let band else { return "No seniority band asked" }
    let bandText =
      band.lowerBound == band.upperBound
      ? band.lowerBound.label : "\(band.lowerBound.label) to \(band.upperBound.label)"
    guard let level else { return "Seniority not known; the band is \(bandText)" }
    if band.contains(level) { return "\(level.label), within the band \(bandText)" }
    if seniorityPoints(level, band) > 0 {
      return "\(level.label), one level from the band \(bandText)"
    }
    return "\(level.label), outside the band \(bandText)"
  }

  /// `"6.5 years of relevant experience; 5 asked"`.
  static func experienceSentence(
    _ candidate: CandidateFeatures, _ vacancy: VacancyFeatures, _ months: Int32
  ) -> String {
    let relevant = vacancy.titles.isEmpty ? "" : "relevant "
    var sentence = "\(years(months)) of \(relevant)experience"
    if vacancy.minimumMonths > 0 {
      sentence += "; \(years(vacancy.minimumMonths)) asked"
    } else {
      sentence += "; no minimum asked"
    }
    if candidate.undatedPositions > 0 {
      let noun = candidate.undatedPositions == 1 ? "position" : "positions"
      sentence += " (\(candidate.undatedPositions) \(noun) without usable dates not counted)"
    }
    return sentence
  }

  /// `"Based in Amsterdam, Netherlands, within accepted location Amsterdam"`,
  /// `"Based in Berlin, outside Amsterdam or Utrecht; remote work is allowed"`.
  static func locationSentence(
    _ candidate: CandidateFeatures, _ vacancy: VacancyFeatures,
    _ match: (standing: LocationStanding, points: Int)
  ) -> String {
    let place = candidate.locationLabel.map { "Based in \($0)" } ?? "Location not known"
    switch match.standing {
    case .anywhere: return "Any location accepted"
    case .accepted(let index):
      return "\(place), within accepted location \(vacancy.locationNames[index])"
    case .remote:
      return "\(place), outside \(plainList(vacancy.locationNames)); remote work is allowed"
    case .outside:
      return "\(place), outside \(plainList(vacancy.locationNames)); remote work is not allowed"
    }
  }

  /// Months as years with at most one decimal: `"1 year"`, `"6.5 years"`, `"0 years"`.
  static func years(_ months: Int32) -> String {
    let tenths = Int(months) * 10 / 12
    let text = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    return text == "1" ? "1 year" : "\(text) years"
  }

  /// `“A”`, `“A” or “B”`, `“A”, “B” or “C”`.
  static func quotedList(_ items: [String]) -> String { plainList(items.map { "“\($0)”" }) }

  /// `A`, `A or B`, `A, B or C`.
  static func plainList(_ items: [String]) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " or " + last
  }

  /// Whether a sorted array holds `id`.
  static func binaryContains(_ sorted: [Int32], _ id: Int32) -> Bool {
    var low = 0
    var high = sorted.count
    while low < high {
      let mid = (low + high) / 2
      if sorted[mid] < id { low = mid + 1 } else { high = mid }
    }
    return low < sorted.count && sorted[low] == id
  }
}
