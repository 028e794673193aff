import Domain
import Foundation
import HTTPServer
import Storage

extension AdminAPI {
  /// A JSON response from a JSON-compatible dictionary (sorted keys).
  static func json(_ status: Int, _ object: [String: Any]) -> Response {
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else {
      return .error(status: 500, code: "encoding_failed", message: "The response could not be encoded.")
    }
    return .json(status: status, Array(data))
  }

  /// RFC 3339 text for a date, or NSNull.
  static func time(_ date: Date?) -> Any {
    guard let date else { return NSNull() }
    return date.formatted(.iso8601)
  }

  /// A value or JSON null.
  static func orNull(_ value: Any?) -> Any { value ?? NSNull() }

  /// A candidate record with its pending fields.
  static func candidateJSON(_ record: CandidateRecord, pending: [PendingField]) -> [String: Any] {
    var object: [String: Any] = [
      "id": record.id, "provider": record.provider, "provider_id": orNull(record.providerID),
      "profile_url": orNull(record.profileURL), "source": record.source,
      "ai_sourced": record.aiSourced, "confirmed_by_user_id": orNull(record.confirmedByUserID),
      "confirmed_at": time(record.confirmedAt), "sourced_at": time(record.sourcedAt),
      "enriched_at": time(record.enrichedAt), "last_verified_at": time(record.lastVerifiedAt),
      "contacted_at": time(record.contactedAt), "art14_notice_sent_at": time(record.art14NoticeSentAt),
      "photo_url": orNull(record.photoURL), "created_at": time(record.createdAt),
    ]
    object["pending_fields"] = pending.filter { !$0.isAccepted }.map {
      ["field": $0.field, "value": $0.value, "proposed_at": time($0.proposedAt)] as [String: Any]
    }
    if let profile = record.profile {
      object["name"] = profile.name
      object["headline"] = orNull(profile.headline)
      object["current_title"] = orNull(profile.currentTitle)
      object["current_company"] = orNull(profile.currentCompany)
      object["location"] = orNull(profile.location?.raw)
      object["open_to_work"] = profile.openToWork
      object["skills"] = profile.skills
      object["work_history"] = profile.workHistory.map {
        [
          "company": $0.company, "title": $0.title, "start_date": orNull($0.startDate),
          "end_date": orNull($0.endDate), "is_current": $0.isCurrent,
        ] as [String: Any]
      }
      object["education"] = profile.education.map {
        [
          "school": $0.school, "degree": orNull($0.degree), "field_of_study": orNull($0.fieldOfStudy),
          "start_year": orNull($0.startYear), "end_year": orNull($0.endYear),
        ] as [String: Any]
      }
    }
    return object
  }

  /// A vacancy.
  static func vacancyJSON(_ vacancy: VacancyRecord) -> [String: Any] {
    let criteria = vacancy.criteria
    var criteriaObject: [String: Any] = [
      "titles": criteria.titles, "required_skills": criteria.requiredSkills,
      "preferred_skills": criteria.preferredSkills, "locations": criteria.locations,
      "remote_allowed": criteria.remoteAllowed, "minimum_years": criteria.minimumYears,
    ]
    if let range = criteria.seniority {
      criteriaObject["seniority"] = ["min": "\(range.lowerBound)", "max": "\(range.upperBound)"]
    } else {
      criteriaObject["seniority"] = NSNull()
    }
    return [
      "id": vacancy.id, "title": vacancy.title, "owner_user_id": vacancy.ownerUserID,
      "is_open": vacancy.isOpen, "ai_scoring": vacancy.aiScoring, "criteria": criteriaObject,
      "criteria_version": vacancy.criteriaVersion, "created_at": time(vacancy.createdAt),
      "updated_at": time(vacancy.updatedAt),
    ]
  }

  /// A pipeline entry.
  static func pipelineJSON(_ entry: PipelineEntry) -> [String: Any] {
    [
      "id": entry.id, "candidate_id": entry.candidateID, "vacancy_id": entry.vacancyID,
      "stage": entry.stage, "owner_user_id": entry.ownerUserID,
      "confirmed_by_user_id": entry.confirmedByUserID, "confirmed_at": time(entry.confirmedAt),
      "stage_changed_by_user_id": entry.stageChangedByUserID,
      "stage_changed_at": time(entry.stageChangedAt), "last_activity_at": time(entry.lastActivityAt),
    ]
  }
}
