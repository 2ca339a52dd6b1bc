/// A failure the sandbox is told to give the next sends, whatever they contain — to make clients prove their
/// retries (500 / 131000, 503 / 2), their back-off (429 / 130429) or their handling of odd codes.
public struct WhatsAppFault: Sendable, Equatable {
    /// How many of the next `POST …/messages` calls (to ``recipient``, or to anyone) fail.
    public var count: Int
    public var code: Int
    public var httpStatus: Int
    public var message: String
    /// Only sends to this WhatsApp id fail (digits, `+` and spaces are ignored); `nil` for any send. Lets a test pick
    /// whose send fails when a step sends to several people at once, in no fixed order.
    public var recipient: String?

    public init(count: Int = 1, code: Int = 131000, httpStatus: Int = 500, message: String? = nil, recipient: String? = nil) {
        self.count = max(1, count)
        self.code = code
        self.httpStatus = httpStatus
        self.message = message ?? GraphError.title(for: code)
        self.recipient = recipient.map { WhatsAppID.normalise($0) ?? $0 }
    }

    var graphError: GraphError {
        GraphError(code: code, httpStatus: httpStatus, message: message,
                   details: "Injected by the sandbox (\(count) more)")
    }
}
