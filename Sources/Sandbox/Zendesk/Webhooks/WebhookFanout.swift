import Foundation

/// Turns committed ticket changes into webhook deliveries: the matching events for webhooks subscribed to them, and
/// the rendered bodies of active triggers' `notification_webhook` actions for trigger-connected webhooks.
///
/// Runs synchronously right after a mutation (cheap: it only builds bodies and enqueues them), so a delivery is
/// pending before the API response that caused it is sent.
struct WebhookFanout: Sendable {
    let store: ZendeskStore
    let webhooks: WebhookRegistry
    let triggers: RecordTable<TriggerRecord>
    let deliverer: WebhookDeliverer
    /// `host:port` the sandbox serves on, for `{{ticket.url}}`.
    let host: Locked<String>
    let clock: @Sendable () -> Date

    func ticketsChanged(_ changes: [TicketChange]) {
        let active = webhooks.all().filter(\.isActive)
        guard !active.isEmpty else { return }
        let snapshot = store.snapshot()
        let triggers = self.triggers.all().filter(\.active).sorted { ($0.position, $0.id) < ($1.position, $1.id) }
        let now = clock()
        for change in changes {
            let time = eventTime(change, now: now)
            for event in TicketEventBuilder(snapshot: snapshot).events(for: change, time: time) {
                for webhook in active where webhook.subscribes(to: event.type) {
                    deliverer.enqueue(WebhookInvocation(webhook: webhook, eventID: event.id, type: event.type,
                                                        triggerID: nil, body: event.body, now: now))
                }
            }
            guard change.kind != .deleted else { continue }
            for trigger in triggers where trigger.fires(for: change) {
                for notification in trigger.webhookNotifications {
                    guard let webhook = active.first(where: { $0.id == notification.webhookID && $0.isConditional })
                    else { continue }
                    let body = template(change, snapshot: snapshot)
                        .render(notification.template, jsonEscaped: webhook.requestFormat == "json")
                    deliverer.enqueue(WebhookInvocation(
                        webhook: webhook, eventID: nil, type: WebhookRecord.conditionalSubscription,
                        triggerID: trigger.id, body: Array(body.utf8), now: now))
                }
            }
        }
    }

    /// The change's second with the clock's fraction of a second, or a random one when the clock has none (a
    /// hand-driven test clock), so clients always meet 1–9 fraction digits.
    private func eventTime(_ change: TicketChange, now: Date) -> String {
        let fraction = now.timeIntervalSince1970 - now.timeIntervalSince1970.rounded(.down)
        let nanoseconds = fraction > 0 && UTCTimestamp.seconds(now) == change.audit.createdAt
            ? Int(fraction * 1e9) : Int.random(in: 1..<1_000_000_000)
        return UTCTimestamp.fractionalString(seconds: change.audit.createdAt, nanoseconds: nanoseconds)
    }

    private func template(_ change: TicketChange, snapshot: ZendeskSnapshot) -> TriggerTemplate {
        let ticket = change.after
        let comments = change.audit.events.compactMap { event -> CommentRecord? in
            if case .comment(let comment) = event { return comment }
            return nil
        }
        let allComments = snapshot.comments(ofTicket: ticket.id) ?? comments
        return TriggerTemplate(context: TriggerTemplate.Context(
            ticket: ticket, requester: snapshot.user(ticket.requesterID),
            assignee: ticket.assigneeID.flatMap(snapshot.user), actor: snapshot.user(change.audit.authorID),
            organization: ticket.organizationID.flatMap(snapshot.organization),
            latestComment: comments.last ?? allComments.last,
            latestPublicComment: comments.last(where: \.isPublic) ?? allComments.last(where: \.isPublic),
            host: host.withLock { $0 }))
    }
}
