import Foundation
import LooseJSON

/// One webhook delivery from the Cloud API, decoded leniently (reference §2.3).
///
/// Exists so the engine gets every record of a delivery even when some are odd: `messages` changes are decoded into
/// typed messages, statuses and errors; every other change field (`message_template_status_update`, `account_update`,
/// `calls`, …) is kept verbatim as ``WhatsAppWebhookChange/other(field:value:)``; unknown keys are ignored; and an item
/// that cannot be read is listed in ``skipped`` with its raw JSON rather than failing the whole delivery.
/// Verify the signature (``WhatsAppWebhookVerifier``) on the raw bytes before decoding.
public struct WhatsAppWebhook: Sendable, Hashable {
    /// `whatsapp_business_account` for WhatsApp deliveries.
    public var object: String?
    public var entries: [WhatsAppWebhookEntry]
    /// Items that could not be read, with where they were and why.
    public var skipped: [WhatsAppSkippedItem]

    /// Why a body could not be read at all.
    public enum DecodingFailure: Error, Sendable, Hashable, CustomStringConvertible {
        case notJSON
        case notAnObject

        public var description: String {
            switch self {
            case .notJSON: return "webhook body is not JSON"
            case .notAnObject: return "webhook body is not a JSON object"
            }
        }
    }

    public init(object: String?, entries: [WhatsAppWebhookEntry], skipped: [WhatsAppSkippedItem] = []) {
        self.object = object
        self.entries = entries
        self.skipped = skipped
    }

    /// Decode raw body bytes. Throws only when the body is not a JSON object; everything inside is read leniently.
    public static func decode(_ body: [UInt8]) throws(DecodingFailure) -> WhatsAppWebhook {
        guard let json = try? JSONValue.parse(body) else { throw .notJSON }
        return try WhatsAppWebhook(json: json)
    }

    /// Decode an already-parsed body.
    public init(json: JSONValue) throws(DecodingFailure) {
        guard json.isObject else { throw .notAnObject }
        var log = SkipLog()
        self.object = json.string("object")
        var entries: [WhatsAppWebhookEntry] = []
        for (entryIndex, entry) in json.list("entry").enumerated() {
            let entryPath = "entry[\(entryIndex)]"
            guard entry.isObject else {
                log.items.append(WhatsAppSkippedItem(path: entryPath, reason: "entry is not an object", raw: entry))
                continue
            }
            var changes: [WhatsAppWebhookChange] = []
            for (changeIndex, change) in entry.list("changes").enumerated() {
                let changePath = "\(entryPath).changes[\(changeIndex)]"
                do {
                    changes.append(try WhatsAppWebhookChange(json: change, path: changePath, log: &log))
                } catch {
                    log.items.append(WhatsAppSkippedItem(path: changePath, reason: (error as? ItemProblem)?.reason ?? String(describing: error), raw: change))
                }
            }
            entries.append(WhatsAppWebhookEntry(id: entry.string("id"), changes: changes))
        }
        self.entries = entries
        self.skipped = log.items
    }

    /// Every message, status, system error and other change in delivery order, each with the business number it
    /// concerns and (for messages) the sender's profile.
    public var events: [WhatsAppWebhookEvent] {
        var events: [WhatsAppWebhookEvent] = []
        for entry in entries {
            for change in entry.changes {
                switch change {
                case .messages(let value):
                    let number = value.metadata
                    for message in value.messages {
                        events.append(.message(WhatsAppInboundEvent(message: message, contact: value.contact(for: message), phoneNumberID: number?.phoneNumberID,
                                                                     displayPhoneNumber: number?.displayPhoneNumber, businessAccountID: entry.id)))
                    }
                    for status in value.statuses {
                        events.append(.status(WhatsAppStatusEvent(status: status, phoneNumberID: number?.phoneNumberID, businessAccountID: entry.id)))
                    }
                    for error in value.errors {
                        events.append(.error(WhatsAppSystemErrorEvent(error: error, phoneNumberID: number?.phoneNumberID, businessAccountID: entry.id)))
                    }
                case .other(let field, let value):
                    events.append(.other(field: field, value: value, businessAccountID: entry.id))
                }
            }
        }
        return events
    }

    /// The inbound messages of ``events``.
    public var inboundMessages: [WhatsAppInboundEvent] {
        events.compactMap { if case .message(let event) = $0 { return event } else { return nil } }
    }

    /// The status updates of ``events``.
    public var statusUpdates: [WhatsAppStatusEvent] {
        events.compactMap { if case .status(let event) = $0 { return event } else { return nil } }
    }

    /// The system-level errors of ``events``.
    public var systemErrors: [WhatsAppSystemErrorEvent] {
        events.compactMap { if case .error(let event) = $0 { return event } else { return nil } }
    }

    /// Number of records decoded: messages + statuses + system errors + other changes.
    public var recordCount: Int { events.count }
}

/// One `entry[]` of a delivery: a WhatsApp Business Account and its changes.
public struct WhatsAppWebhookEntry: Sendable, Hashable {
    /// The WhatsApp Business Account id.
    public var id: String?
    public var changes: [WhatsAppWebhookChange]

    public init(id: String?, changes: [WhatsAppWebhookChange]) {
        self.id = id
        self.changes = changes
    }
}

/// One `changes[]` item, routed on its `field`.
public enum WhatsAppWebhookChange: Sendable, Hashable {
    /// `field: "messages"`: messages, statuses and errors.
    case messages(WhatsAppMessagesChange)
    /// Any other field, with its `value` as sent.
    case other(field: String, value: JSONValue)

    init(json: JSONValue, path: String, log: inout SkipLog) throws {
        guard json.isObject else { throw ItemProblem(reason: "change is not an object") }
        guard let field = json.string("field"), !field.isEmpty else { throw ItemProblem(reason: "change has no field") }
        let value = json["value"] ?? .null
        if field == "messages" {
            self = .messages(try WhatsAppMessagesChange(json: value, path: path + ".value", log: &log))
        } else {
            self = .other(field: field, value: value)
        }
    }

    /// The change's `field`.
    public var field: String {
        switch self {
        case .messages: return "messages"
        case .other(let field, _): return field
        }
    }
}
