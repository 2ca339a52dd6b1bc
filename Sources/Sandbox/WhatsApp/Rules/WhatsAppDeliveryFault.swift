/// A failure the sandbox reports *after* accepting a send, as Meta does for problems it finds later: the
/// `POST …/messages` is answered 200 with a fresh `wamid`, and instead of `sent` → `delivered` → `read` a single
/// `failed` status webhook with ``code`` follows. Tests use it to prove what a client does with a message that
/// was accepted and then failed (retry as a template, dead-letter it, tell the owner) for any code — not only the
/// 131047 and 131026 the sandbox produces by itself.
public struct WhatsAppDeliveryFault: Sendable, Equatable {
    /// How many of the next accepted messages (to ``recipient``, or to anyone) fail.
    public var count: Int
    public var code: Int
    /// `error_data.details` of the status error.
    public var details: String
    /// Only messages to this WhatsApp id fail (digits, `+` and spaces are ignored); `nil` for any recipient.
    public var recipient: String?

    public init(count: Int = 1, code: Int, details: String? = nil, recipient: String? = nil) {
        self.count = max(1, count)
        self.code = code
        self.details = details ?? "Injected by the sandbox: \(GraphError.title(for: code))"
        self.recipient = recipient.map { WhatsAppID.normalise($0) ?? $0 }
    }
}

extension WhatsAppState {
    /// Takes one delivery fault that applies to a message to `waID`, if any is queued.
    mutating func drawDeliveryFault(for waID: String) -> AsyncFailure? {
        guard let index = deliveryFaults.firstIndex(where: { $0.recipient == nil || $0.recipient == waID }) else { return nil }
        deliveryFaults[index].count -= 1
        let fault = deliveryFaults[index]
        if fault.count <= 0 { deliveryFaults.remove(at: index) }
        return AsyncFailure(code: fault.code, details: fault.details)
    }
}
