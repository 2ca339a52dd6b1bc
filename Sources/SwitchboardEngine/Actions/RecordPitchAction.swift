import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import WhatsAppKit

/// `switchboard.record_pitch`: an inbound WhatsApp message becomes (part of) an acquisition opportunity. The sender
/// is added to the directory when unknown (so the acknowledgement can reach them inside the window they opened),
/// media is downloaded through the Cloud API before anything is written (media ids expire), and a message that names
/// an ISBN Consonance knows links the opportunity to that title.
struct RecordPitchAction: FlowAction {
    let name = "switchboard.record_pitch"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let connection = input.optionalText("connection") ?? "whatsapp"
        let wamid = try input.text("wamid"), waID = try input.text("wa_id")
        let receivedAt = try input.optionalInteger("received_at") ?? Int64(Date().timeIntervalSince1970)
        let text = input.optionalText("text")
        var contact = try await input.optionalText("contact_id").asyncFlatMap { id in try await context.store.session { try await $0.contact(id: id) } }
        let allowed = try input.strings("sender_roles").map { text in
            do { return try ContactRole(parsing: text) } catch { throw ActionError.permanent("\(name): parameter sender_roles: \(error)", response: nil) }
        }
        if let contact, !allowed.isEmpty, !contact.roles.isEmpty, Set(contact.roles).isDisjoint(with: allowed) {
            return Self.notRecorded("\(contact.name) is a \(contact.roles.map(\.label).joined(separator: ", ")), not one of \(allowed.map(\.label).joined(separator: ", "))")
        }
        if let answered = try await answeredMessage(wamid: wamid, store: context.store) {
            return Self.notRecorded("it answers our message \(answered.id)\(answered.correlation.map { " (\($0))" } ?? "")")
        }
        if contact == nil, input.optionalBool("add_sender") ?? true {
            contact = try await addSender(waID: waID, name: input.optionalText("sender_name"), at: receivedAt, store: context.store)
        }
        let maxBytes = Int(try input.optionalInteger("max_attachment_mb") ?? 25) * 1_048_576
        var attachments: [(attachment: OpportunityAttachment, base64: String?)] = []
        if case .array(let items)? = input["attachments"] {
            for item in items { if let downloaded = try await download(item, wamid: wamid, connection: connection, maxBytes: maxBytes, context: context) { attachments.append(downloaded) } }
        }
        var title: TitleMatch?
        if let text {
            let resolver = TitleResolver(store: context.store, consonance: context.consonance, connection: nil)
            for match in ISBNExtractor().extract(from: text).matches where title == nil { title = try await resolver.lookup(isbn13: match.isbn.isbn13, matchedBy: "isbn") }
        }
        let intake = PitchIntake(connection: connection, wamid: wamid, waID: waID, contactID: contact?.id, senderName: contact?.name ?? input.optionalText("sender_name"),
                                 kind: input.optionalText("kind") ?? "text", text: text, receivedAt: receivedAt,
                                 windowSeconds: (try input.optionalInteger("window_hours") ?? 24) * 3600, attachments: attachments, title: title)
        let records = context.publishingRecords()
        let (opportunity, created, duplicate, saved) = try await records.recordPitch(intake)
        return .object([
            "recorded": .bool(true), "created": .bool(created), "duplicate": .bool(duplicate), "reason": .null, "opportunity_id": .string(opportunity.id),
            "url": .string(records.url("opportunities", opportunity.id)), "contact_id": PublishingRecords.text(opportunity.contactID ?? contact?.id),
            "message_count": .number(Double(opportunity.messageCount)), "attachment_count": .number(Double(opportunity.attachmentCount)),
            "attachments": .array(saved.map { .object(["id": .string($0.id), "type": .string($0.type), "filename": PublishingRecords.text($0.filename),
                                                       "status": .string($0.status), "size": PublishingRecords.number($0.size)]) }),
            "isbn13": PublishingRecords.text(opportunity.isbn13), "title": PublishingRecords.text(opportunity.title),
        ])
    }

    static func notRecorded(_ reason: String) -> JSONValue {
        .object(["recorded": .bool(false), "created": .bool(false), "duplicate": .bool(false), "reason": .string(reason), "opportunity_id": .null, "url": .null,
                 "contact_id": .null, "message_count": .number(0), "attachment_count": .number(0), "attachments": .array([]), "isbn13": .null, "title": .null])
    }

    /// Our outbound message this one quotes, unless it is an opportunity's acknowledgement (a follow-up quoting it
    /// belongs to the opportunity): a message that answers us is not a pitch, even when ours carried no correlation.
    func answeredMessage(wamid: String, store: Store) async throws -> MessageRecord? {
        try await store.session { session in
            guard let inbound = try await session.whatsAppMessage(wamid: wamid), let quoted = inbound.contextWamid,
                  let answered = try await session.whatsAppMessage(wamid: quoted), answered.direction == .outbound,
                  answered.correlation?.hasPrefix("opportunity:") != true else { return nil }
            return answered
        }
    }

    /// A sender outside the directory joins it without roles or opt-in; their window opens with this message.
    func addSender(waID: String, name: String?, at time: Int64, store: Store) async throws -> MessagingContact? {
        guard let phone = try? PhoneNumber(waID: waID) else { return nil }
        return try await store.transaction { session in
            let (contact, _) = try await session.upsertContact(ContactDetails(name: name ?? phone.e164, phone: phone, waID: waID), now: time)
            try await session.recordInboundActivity(contactID: contact.id, at: time)
            return try await session.contact(id: contact.id)
        }
    }

    /// Download one attachment, unless it was downloaded before. A media error the Cloud API calls permanent (the media
    /// is gone) is recorded as a failed attachment instead of failing the pitch; transient ones retry the step.
    func download(_ item: JSONValue, wamid: String, connection: String, maxBytes: Int, context: ActionContext) async throws -> (attachment: OpportunityAttachment, base64: String?)? {
        guard let mediaID = item["id"]?.stringValue, !mediaID.isEmpty else { return nil }
        if let known = try await context.store.session({ try await $0.opportunityAttachment(mediaID: mediaID) }), known.status != "failed" { return (known, nil) }
        var attachment = OpportunityAttachment(opportunityID: "", wamid: wamid, mediaID: mediaID, type: item["type"]?.stringValue ?? "document",
                                               mimeType: item["mime_type"]?.stringValue, filename: item["filename"]?.stringValue, caption: item["caption"]?.stringValue,
                                               status: "failed", createdAt: Int64(Date().timeIntervalSince1970))
        guard let pool = context.whatsapp else {
            attachment.error = "this node has no WhatsApp connections to download media with"
            return (attachment, nil)
        }
        do {
            let client = try await pool.client(for: connection)
            let info = try await client.mediaInfo(id: mediaID)
            attachment.sha256 = info.sha256
            if let size = info.fileSize, size > maxBytes {
                attachment.status = "too_large"
                attachment.size = Int64(size)
                attachment.error = "\(size) bytes is over the limit of \(maxBytes) bytes (max_attachment_mb)"
                return (attachment, nil)
            }
            let media = try await client.downloadMedia(id: mediaID)
            attachment.status = "downloaded"
            attachment.size = Int64(media.bytes.count)
            attachment.mimeType = media.mimeType ?? attachment.mimeType
            return (attachment, Data(media.bytes).base64EncodedString())
        } catch let error as WhatsAppError where !error.isRetryable {
            attachment.error = error.description
            return (attachment, nil)
        }
    }
}

extension Optional {
    fileprivate func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
