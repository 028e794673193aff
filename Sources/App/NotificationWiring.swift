import Domain
import Foundation
import HTTPClient
import HTTPServer
import Logging
import Notify
import Storage

/// Assembles notifications for `serve`: registers the configured channels, builds the dispatcher and
/// adds the feed routes.
struct NotificationWiring: Sendable {
  /// The dispatcher service to run with the other background services.
  let dispatcher: NotificationDispatcher
  /// The feed routes.
  let routes: NotificationRoutes
  /// The recruiter's own channels through the API.
  let channelRoutes: NotificationChannelRoutes
  private let http: HTTPClient
  private let smtp: SMTPClient?

  /// Builds everything and stores the channels; throws for bad channel secrets.
  init(configuration: Configuration, database: Database, clock: any Clock, logger: Logger)
    async throws
  {
    let channels = try NotificationChannels(users: configuration.users)
    let now = clock.now()
    let outboxChannels = channels.channels
    try await database.write { try OutboxStore.syncChannels(outboxChannels, now: now, in: $0) }
    let settings = configuration.notifications
    let http = HTTPClient(maximumConcurrentRequests: 16)
    var smtp: SMTPClient?
    var email: NotificationEmailSender?
    if let config = settings.smtp {
      let startTLS: SMTPConfiguration.StartTLS =
        switch config.startTLS {
        case .required: .required
        case .ifOffered: .ifOffered
        case .never: .never
        }
      let client = SMTPClient(
        configuration: SMTPConfiguration(
          url: config.url, startTLS: startTLS, username: config.username,
          password: config.password?.revealed, timeout: .seconds(15)))
      smtp = client
      email = NotificationEmailSender(client: client, from: config.from)
    }
    self.http = http
    self.smtp = smtp
    let audit = AuditTrail(configuration: configuration)
    self.dispatcher = NotificationDispatcher(
      database: database, endpoints: channels.endpoints,
      policy: NotificationDeliveryPolicy(
        schedule: NotificationRetrySchedule(delays: settings.retryScheduleSeconds)),
      urlGuard: OutboundURLGuard(allowedHosts: settings.allowPrivateHosts), http: http,
      email: email, clock: clock, logger: logger,
      auditor: { attempt, connection in
        guard case .delivered = attempt.decision,
          let subject = try OutboxStore.subject(deliveryID: attempt.deliveryID, in: connection),
          let candidateID = subject.candidateID
        else { return }
        try audit.record(
          .notification, candidateID: candidateID, actor: "talentwatch:notifier",
          at: attempt.attemptedAt, details: ["kind": subject.kind], in: connection)
      })
    // The admin API's bearer-token authentication: the feed and channels belong to the caller.
    let authentication = Authentication(users: configuration.users)
    self.routes = NotificationRoutes(database: database) { request in
      authentication.user(for: request)?.id
    }
    // Channels added through the API before this start deliver again.
    let apiChannels = try await database.read { try OutboxStore.apiChannels(in: $0) }
    for channel in apiChannels where channel.disabledAt == nil {
      if let endpoint = try? NotificationChannelRoutes.endpoint(for: channel) {
        dispatcher.endpoints.set(endpoint, for: channel.id)
      }
    }
    self.channelRoutes = NotificationChannelRoutes(
      database: database, clock: clock, endpoints: dispatcher.endpoints,
      urlGuard: OutboundURLGuard(allowedHosts: settings.allowPrivateHosts)
    ) { request in authentication.user(for: request)?.id }
  }

  /// Stops the clients' worker threads.
  func shutdown() {
    http.shutdown()
    smtp?.shutdown()
  }
}
