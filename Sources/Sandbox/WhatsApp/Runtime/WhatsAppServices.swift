import Foundation

/// The WhatsApp sandbox's shared machinery — state, clock, background tasks, webhook delivery — used by the HTTP
/// handlers, the admin endpoints and the public Swift API alike, so all three behave identically.
final class WhatsAppServices: Sendable {
    let configuration: WhatsAppSandboxConfiguration
    let state: Locked<WhatsAppState>
    let tasks = BackgroundTasks()
    let webhooks: WhatsAppWebhookDeliverer
    let envelope: WebhookEnvelope
    let clock: @Sendable () -> Date

    init(configuration: WhatsAppSandboxConfiguration) {
        self.configuration = configuration
        state = Locked(WhatsAppState(configuration: configuration))
        clock = configuration.now
        webhooks = WhatsAppWebhookDeliverer(
            target: .init(url: configuration.callbackURL, appSecret: configuration.appSecret,
                          verifyToken: configuration.verifyToken),
            options: configuration.webhookDelivery, seed: configuration.seed, tasks: tasks, clock: configuration.now)
        envelope = WebhookEnvelope(businessAccountID: configuration.businessAccountID,
                                   displayPhoneNumber: configuration.displayPhoneNumber,
                                   phoneNumberID: configuration.phoneNumberID)
    }

    /// A fresh `fbtrace_id` for an error envelope.
    func fbtraceID() -> String {
        state.withLock { $0.identifiers.fbtraceID() }
    }

    /// The window of `waID` at the current time.
    func window(_ waID: String) -> WhatsAppServiceWindow {
        let now = clock()
        let last = state.withLock { $0.contacts[waID]?.lastInboundAt }
        let length = configuration.serviceWindow.components
        let expires = last?.addingTimeInterval(Double(length.seconds) + Double(length.attoseconds) * 1e-18)
        return WhatsAppServiceWindow(waID: waID, isOpen: expires.map { $0 > now } ?? false, lastInboundAt: last,
                                     expiresAt: expires)
    }

    /// Clears messages, windows, scripts, faults, media, limits and webhooks; templates return to the configured set
    /// (ids keep counting, so no wamid is handed out twice).
    func reset() {
        state.withLock { state in
            let identifiers = state.identifiers  // ids stay unique across resets
            state = WhatsAppState(configuration: configuration)
            state.identifiers = identifiers
        }
        webhooks.reset()
    }
}
