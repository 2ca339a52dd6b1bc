import Foundation

/// Everything the WhatsApp sandbox remembers, behind one lock: the registry, contacts and their windows, scripts,
/// messages both ways, media, queued faults and the rate-limit counters.
struct WhatsAppState: Sendable {
    var identifiers: WhatsAppIdentifiers
    var templates: TemplateRegistry
    var contacts: [String: WhatsAppContact] = [:]
    var scripts: [WhatsAppContactScript] = []
    var messages: [WhatsAppSentMessage] = []
    var messageIndex: [String: Int] = [:]
    var inbound: [WhatsAppInboundMessage] = []
    var media: [String: StoredMedia] = [:]
    var faults: [WhatsAppFault] = []
    /// Failures reported by status webhook after a send was accepted (``WhatsAppDeliveryFault``).
    var deliveryFaults: [WhatsAppDeliveryFault] = []
    var throughput: ThroughputLimiter
    var pairLimit: PairRateLimiter
    var timing: StatusTiming
    /// `message_id`s the business marked as read.
    var readReceipts: [String] = []

    init(configuration: WhatsAppSandboxConfiguration) {
        identifiers = WhatsAppIdentifiers(seed: configuration.seed)
        templates = TemplateRegistry(configuration.templates)
        throughput = ThroughputLimiter(limit: configuration.throughputPerSecond)
        pairLimit = PairRateLimiter(rule: configuration.pairRateLimit)
        timing = configuration.statusTiming
    }

    /// The contact for `waID`, created with a generated name on first use.
    mutating func contact(_ waID: String) -> WhatsAppContact {
        if let contact = contacts[waID] { return contact }
        let contact = WhatsAppContact(waID: waID, name: WhatsAppID.defaultName(for: waID))
        contacts[waID] = contact
        return contact
    }

    mutating func record(_ message: WhatsAppSentMessage) {
        messageIndex[message.id] = messages.count
        messages.append(message)
    }

    mutating func appendStatus(_ event: WhatsAppStatusEvent, to messageID: String) -> WhatsAppSentMessage? {
        guard let index = messageIndex[messageID] else { return nil }
        messages[index].statuses.append(event)
        return messages[index]
    }

    /// Takes one injected fault that applies to a send to `to` (the request's `to`, as sent), if any is queued.
    mutating func drawFault(to: String?) -> GraphError? {
        let waID = to.map { WhatsAppID.normalise($0) ?? $0 }
        guard let index = faults.firstIndex(where: { $0.recipient == nil || $0.recipient == waID }) else { return nil }
        faults[index].count -= 1
        let error = faults[index].graphError
        if faults[index].count <= 0 { faults.remove(at: index) }
        return error
    }
}
