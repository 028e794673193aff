import Foundation

/// The ground truth of one simulated run: who changed when, which signals the provider delivered, and
/// how the pipelines evolved. Generated once from the seed and shared by every policy.
struct SimulationPopulation: Sendable {
  /// One real change.
  struct Change: Sendable {
    /// When the person's data changed (seconds since the reference date).
    var time: Double
    /// The candidate's tier at that moment, for the per-tier figures.
    var tier: RefreshTier
  }

  /// One signal the provider delivers.
  struct DeliveredSignal: Sendable {
    /// Candidate index (id − 1).
    var candidate: Int
    /// Kind as delivered (`changed` for notification-only sources).
    var kind: Signal.Kind
    /// The watch run that saw the change.
    var detectedAt: Double
    /// When the webhook arrived.
    var deliveredAt: Double
  }

  /// One pipeline candidate.
  struct Member: Sendable {
    /// Candidate index.
    var candidate: Int
    /// When the candidate entered the pipeline (counts as activity).
    var joinAt: Double
    /// Later recruiter actions, ascending.
    var activities: [Double]
  }

  /// One vacancy and its pipeline.
  struct Vacancy: Sendable {
    /// When it opened.
    var openAt: Double
    /// When it closed.
    var closeAt: Double
    /// Its pipeline.
    var members: [Member]
  }

  /// Seconds in a day.
  static let day = PlanCalendar.secondsPerDay

  /// First instant simulated.
  let start: Double
  /// Candidates in the database.
  let candidateCount: Int
  /// Each record's last verification before the run.
  let initialVerified: [Double]
  /// Changes grouped by candidate: candidate `c` owns `changes[changeOffsets[c]..<changeOffsets[c + 1]]`,
  /// ascending in time.
  let changeOffsets: [Int]
  /// All real changes.
  let changes: [Change]
  /// Delivered signals, ascending by delivery time.
  let signals: [DeliveredSignal]
  /// Every vacancy open at some point of the run.
  let vacancies: [Vacancy]
  /// The delta policy's active window, used for the ground-truth tier of a change.
  let activeDays: Int

  /// Generates the population for `config`.
  init(config: SimulationConfig, activeDays: Int) {
    let day = Self.day
    let start = config.start.timeIntervalSinceReferenceDate
    let end = start + Double(config.days) * day
    let count = config.candidates
    self.start = start
    self.candidateCount = count
    self.activeDays = activeDays

    var verifyRandom = SeededRandom(seed: config.seed, stream: 1)
    initialVerified = (0..<count).map { _ in
      start - verifyRandom.nextDouble() * config.initialVerifiedWithinDays * day - 1
    }

    let vacancies = Self.makeVacancies(config: config, start: start, end: end)
    self.vacancies = vacancies
    var membershipIndex: [Int: [(vacancy: Int, member: Int)]] = [:]
    for (v, vacancy) in vacancies.enumerated() {
      for (m, member) in vacancy.members.enumerated() {
        membershipIndex[member.candidate, default: []].append((v, m))
      }
    }

    var changeRandom = SeededRandom(seed: config.seed, stream: 2)
    var signalRandom = SeededRandom(seed: config.seed, stream: 3)
    let rates: [(Signal.Kind, Double)] = [
      (.jobChanged, config.annualJobChangeRate), (.openToWork, config.annualOpenToWorkRate),
      (.profileChanged, config.annualProfileChangeRate),
    ]
    let watchInterval = config.watchIntervalHours * 3_600
    let firstWatch = start + config.watchHourUTC * 3_600
    var offsets = [0]
    offsets.reserveCapacity(count + 1)
    var changes: [Change] = []
    var signals: [DeliveredSignal] = []
    var own: [(time: Double, kind: Signal.Kind)] = []
    for candidate in 0..<count {
      own.removeAll(keepingCapacity: true)
      for (kind, rate) in rates where rate > 0 {
        var time = start
        while true {
          time += changeRandom.exponential(mean: 365 / rate) * day
          if time >= end { break }
          own.append((time, kind))
        }
      }
      own.sort { $0.time < $1.time }
      for change in own {
        let memberships = membershipIndex[candidate] ?? []
        let tier = RefreshTier.derive(
          memberships: memberships.compactMap {
            Self.membership(
              vacancies[$0.vacancy], vacancies[$0.vacancy].members[$0.member], at: change.time)
          }, now: Date(timeIntervalSinceReferenceDate: change.time), activeDays: activeDays)
        changes.append(Change(time: change.time, tier: tier))
        let missed = signalRandom.chance(config.missedSignalShare)
        let dataless = signalRandom.chance(config.notificationOnlyShare)
        let delay = signalRandom.uniform(config.deliveryDelayHours) * 3_600
        guard !missed else { continue }
        let runs = max(0, ((change.time - firstWatch) / watchInterval).rounded(.up))
        let detectedAt = firstWatch + runs * watchInterval
        signals.append(
          DeliveredSignal(
            candidate: candidate, kind: dataless ? .changed : change.kind, detectedAt: detectedAt,
            deliveredAt: detectedAt + delay))
      }
      offsets.append(changes.count)
    }
    changeOffsets = offsets
    self.changes = changes
    self.signals = signals.sorted {
      ($0.deliveredAt, $0.candidate) < ($1.deliveredAt, $1.candidate)
    }
  }

  /// The membership `member` has at `time`, or nil when the vacancy is not open or they have not joined.
  static func membership(_ vacancy: Vacancy, _ member: Member, at time: Double)
    -> PlanningCandidate.Membership?
  {
    guard vacancy.openAt <= time, time < vacancy.closeAt, member.joinAt <= time else { return nil }
    var last = member.joinAt
    for activity in member.activities {
      if activity > time { break }
      last = activity
    }
    return PlanningCandidate.Membership(
      vacancyOpen: true, lastActivityAt: Date(timeIntervalSinceReferenceDate: last))
  }

  /// Vacancies arriving as a Poisson process so that, on average, the configured number is open; the
  /// process starts early enough that the run begins in a steady state.
  private static func makeVacancies(config: SimulationConfig, start: Double, end: Double)
    -> [Vacancy]
  {
    let day = Self.day
    let target = Double(config.candidates) * config.openVacanciesPer1000Candidates / 1_000
    guard target > 0 else { return [] }
    var random = SeededRandom(seed: config.seed, stream: 4)
    let meanGapDays = config.vacancyOpenDays / target
    var vacancies: [Vacancy] = []
    var openAt = start - 1.5 * config.vacancyOpenDays * day
    while true {
      openAt += random.exponential(mean: meanGapDays) * day
      if openAt >= end { break }
      let duration = config.vacancyOpenDays * random.uniform(0.5...1.5) * day
      let size = max(1, Int((Double(config.pipelineSize) * random.uniform(0.5...1.5)).rounded()))
      var members: [Member] = []
      var seen = Set<Int>()
      for _ in 0..<size {
        let candidate = random.below(config.candidates)
        let joinAt = openAt + random.uniform(0...0.5) * duration
        var activities: [Double] = []
        var time = joinAt
        while true {
          time += random.exponential(mean: config.activityIntervalDays) * day
          if time >= openAt + duration { break }
          activities.append(time)
        }
        if seen.insert(candidate).inserted {
          members.append(Member(candidate: candidate, joinAt: joinAt, activities: activities))
        }
      }
      if openAt + duration > start {
        vacancies.append(Vacancy(openAt: openAt, closeAt: openAt + duration, members: members))
      }
    }
    return vacancies
  }
}
