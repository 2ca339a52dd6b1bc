import LooseJSON

/// The `value` of a `messages` change: which business number it concerns, who wrote, and the messages, statuses and
/// system errors it carries (reference §2.3). Each list can hold several items; all are kept.
public struct WhatsAppMessagesChange: Sendable, Hashable {
    /// `value.metadata`: the business number that received or sent.
    public struct Metadata: Sendable, Hashable {
        public var displayPhoneNumber: String?
        /// Route on this: the id used in send URLs.
        public var phoneNumberID: String?
    }

    public var metadata: Metadata?
    public var contacts: [WhatsAppContact]
    public var messages: [WhatsAppInboundMessage]
    public var statuses: [WhatsAppMessageStatus]
    /// `value.errors`: system-level errors delivered without a message or status (e.g. 130429).
    public var errors: [WhatsAppErrorDetail]

    /// Read a change value, logging unreadable items under `path` instead of failing.
    init(json: JSONValue, path: String, log: inout SkipLog) throws {
        guard json.isObject else { throw ItemProblem(reason: "value of a messages change is not an object") }
        self.metadata = json.object("metadata").map { Metadata(displayPhoneNumber: $0.string("display_phone_number"), phoneNumberID: $0.string("phone_number_id")) }
        self.contacts = log.lossy(json.list("contacts"), path: path + ".contacts") { item, _ in try WhatsAppContact(json: item) }
        self.messages = log.lossy(json.list("messages"), path: path + ".messages") { item, _ in try WhatsAppInboundMessage(json: item) }
        self.statuses = log.lossy(json.list("statuses"), path: path + ".statuses") { item, _ in try WhatsAppMessageStatus(json: item) }
        self.errors = log.lossy(json.list("errors"), path: path + ".errors") { item, _ in
            guard item.isObject else { throw ItemProblem(reason: "error is not an object") }
            return WhatsAppErrorDetail(json: item)
        }
    }

    /// The contact who sent `message`: the one whose `wa_id` matches its sender, else the only contact listed.
    public func contact(for message: WhatsAppInboundMessage) -> WhatsAppContact? {
        contacts.first { $0.waID == message.from } ?? (contacts.count == 1 ? contacts.first : nil)
    }
}
