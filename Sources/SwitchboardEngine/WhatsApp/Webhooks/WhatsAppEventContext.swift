import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import WhatsAppKit

/// Builds the context of `whatsapp` flow events, with exactly the fields ``EventSchemas`` declares for the trigger,
/// so that what `flows lint` accepts is what a run can read.
enum WhatsAppEventContext {
    /// An inbound message (`message.received`, `reply.received`, `contact.opted_out`). `correlation` is that of the
    /// request the message answers — the message it replies to, or the open follow-up a free-text answer belongs to.
    static func inbound(connection: String, event: WhatsAppInboundEvent, contact: MessagingContact?, answered: MessageRecord?,
                        correlation: String? = nil) -> JSONValue {
        let correlation = correlation ?? answered?.correlation
        let message = event.message
        var messageFields: [String: JSONValue] = [
            "id": .string(message.id), "type": .string(message.type), "text": text(message.textContent), "from": .string(message.from),
            "to": text(event.phoneNumberID), "timestamp": .number(Double(Int64(message.timestamp.timeIntervalSince1970))),
        ]
        if messageFields["text"] == .null, case .reaction(_, let emoji) = message.content { messageFields["text"] = text(emoji) }
        var fields: [String: JSONValue] = [
            "connection": .string(connection),
            "message": .object(messageFields),
            "contact": .object([
                "id": text(contact?.id), "name": text(contact?.name ?? event.contactName), "wa_id": .string(message.from),
                "roles": .array((contact?.roles ?? []).map { .string($0.rawValue) }),
                "opted_in": contact.map { .bool($0.consent.optedIn) } ?? .null,
            ]),
            "attachments": .array(attachments(message.content)),
            "status": .null, "error": .null,
            "correlation": text(correlation),
        ]
        if let reply = message.reply {
            fields["reply"] = .object([
                "id": .string(reply.identifier), "title": text(reply.title), "context_id": text(reply.contextMessageID),
                "correlation": text(correlation), "answered_message_id": text(answered?.id),
            ])
        } else {
            fields["reply"] = .null
        }
        return .object(fields)
    }

    /// A delivery status (`message.status`, `message.failed`); `record` is the outbound message when it is known.
    static func status(connection: String, event: WhatsAppStatusEvent, record: MessageRecord?) -> JSONValue {
        let status = event.status
        let error = status.errors.first
        let state = MessageDeliveryState(webhookStatus: status.status.rawValue)
        return .object([
            "connection": .string(connection),
            "message": .object([
                "id": .string(status.id), "type": text(record?.kind), "text": text(record?.body), "from": text(event.phoneNumberID),
                "to": text(status.recipientID ?? record?.waID), "timestamp": .number(Double(Int64(status.timestamp.timeIntervalSince1970))),
            ]),
            "contact": record?.contactID.map { id in .object(["id": .string(id), "name": .null, "wa_id": text(status.recipientID ?? record?.waID), "roles": .array([]), "opted_in": .null]) } ?? .null,
            "reply": .null,
            "attachments": .array([]),
            "status": text(state?.rawValue ?? status.status.rawValue),
            "error": error.map { .object(["code": $0.code.map { .number(Double($0)) } ?? .null, "title": text($0.title ?? $0.message), "details": text($0.details)]) } ?? .null,
            "correlation": text(record?.correlation ?? status.callbackData),
        ])
    }

    static func attachments(_ content: WhatsAppInboundContent) -> [JSONValue] {
        guard case .media(let media) = content else { return [] }
        return [.object([
            "type": .string(media.kind.rawValue), "id": .string(media.id), "mime_type": text(media.mimeType), "caption": text(media.caption),
            "filename": text(media.filename),
        ])]
    }

    private static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}
