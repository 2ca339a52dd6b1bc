import Foundation

/// Writes the bodies of the webhooks the sandbox sends, in the envelope of reference §2.3 —
/// `{"object":"whatsapp_business_account","entry":[{"id":WABA,"changes":[{"value":{…},"field":"messages"}]}]}` — with
/// keys in Meta's order and non-ASCII escaped.
struct WebhookEnvelope: Sendable {
    var businessAccountID: String
    var displayPhoneNumber: String
    var phoneNumberID: String

    /// A status update for one business message.
    func status(_ status: StatusUpdate) -> [UInt8] {
        envelope { value in
            value.arrayField("statuses") { list in
                list.beginObject()
                list.field("id", status.messageID)
                list.field("status", status.status)
                list.field("timestamp", String(UTCTimestamp.seconds(status.time)))
                list.field("recipient_id", status.recipientID)
                if let opaque = status.bizOpaqueCallbackData { list.field("biz_opaque_callback_data", opaque) }
                if let error = status.error {
                    list.arrayField("errors") { errors in
                        errors.beginObject()
                        errors.field("code", error.code)
                        errors.field("title", error.title)
                        errors.field("message", error.title)
                        errors.objectField("error_data") { $0.field("details", error.details) }
                        errors.field("href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/")
                        errors.endObject()
                    }
                } else {
                    list.objectField("conversation") { conversation in
                        conversation.field("id", status.conversationID)
                        if status.status == "sent" {
                            conversation.field("expiration_timestamp",
                                               String(UTCTimestamp.seconds(status.time) + 24 * 3600))
                        }
                        conversation.objectField("origin") { $0.field("type", status.category) }
                    }
                    list.objectField("pricing") { pricing in
                        pricing.field("billable", status.category != "service")
                        pricing.field("pricing_model", "PMP")
                        pricing.field("category", status.category)
                        pricing.field("type", status.category == "service" ? "free_customer_service" : "regular")
                    }
                }
                list.endObject()
            }
        }
    }

    /// A message from a contact.
    func message(_ message: WhatsAppInboundMessage, contactName: String, media: StoredMedia?) -> [UInt8] {
        envelope { value in
            value.arrayField("contacts") { contacts in
                contacts.beginObject()
                contacts.objectField("profile") { $0.field("name", contactName) }
                contacts.field("wa_id", message.from)
                contacts.endObject()
            }
            value.arrayField("messages") { list in
                list.beginObject()
                if let context = message.contextMessageID {
                    list.objectField("context") { object in
                        object.field("from", displayPhoneNumber)
                        object.field("id", context)
                    }
                }
                list.field("from", message.from)
                list.field("id", message.id)
                list.field("timestamp", String(UTCTimestamp.seconds(message.time)))
                list.field("type", message.type)
                Self.content(message.content, media: media, into: &list)
                list.endObject()
            }
        }
    }

    private static func content(_ content: WhatsAppInboundContent, media: StoredMedia?, into list: inout JSONWriter) {
        switch content {
        case .text(let body):
            list.objectField("text") { $0.field("body", body) }
        case .buttonReply(let id, let title):
            list.objectField("interactive") { interactive in
                interactive.field("type", "button_reply")
                interactive.objectField("button_reply") { reply in
                    reply.field("id", id)
                    reply.field("title", title)
                }
            }
        case .listReply(let id, let title, let description):
            list.objectField("interactive") { interactive in
                interactive.field("type", "list_reply")
                interactive.objectField("list_reply") { reply in
                    reply.field("id", id)
                    reply.field("title", title)
                    if let description { reply.field("description", description) }
                }
            }
        case .templateButton(let payload, let text):
            list.objectField("button") { button in
                button.field("payload", payload)
                button.field("text", text)
            }
        case .image(let id, let caption):
            list.objectField("image") { image in
                if let caption { image.field("caption", caption) }
                image.field("mime_type", media?.mimeType ?? "image/jpeg")
                image.field("sha256", media?.sha256Base64 ?? "")
                image.field("id", id)
            }
        case .document(let id, let caption, let filename):
            list.objectField("document") { document in
                if let caption { document.field("caption", caption) }
                if let filename = filename ?? media?.filename { document.field("filename", filename) }
                document.field("mime_type", media?.mimeType ?? "application/pdf")
                document.field("sha256", media?.sha256Base64 ?? "")
                document.field("id", id)
            }
        case .reaction(let messageID, let emoji):
            list.objectField("reaction") { reaction in
                reaction.field("message_id", messageID)
                reaction.field("emoji", emoji)
            }
        }
    }

    private func envelope(_ value: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.field("object", "whatsapp_business_account")
        writer.arrayField("entry") { entries in
            entries.beginObject()
            entries.field("id", businessAccountID)
            entries.arrayField("changes") { changes in
                changes.beginObject()
                changes.objectField("value") { object in
                    object.field("messaging_product", "whatsapp")
                    object.objectField("metadata") { metadata in
                        metadata.field("display_phone_number", displayPhoneNumber)
                        metadata.field("phone_number_id", phoneNumberID)
                    }
                    value(&object)
                }
                changes.field("field", "messages")
                changes.endObject()
            }
            entries.endObject()
        }
        writer.endObject()
        return MetaJSONEscaping.asciiOnly(writer.bytes)
    }
}

/// One `statuses[]` entry to send.
struct StatusUpdate: Sendable {
    var messageID: String
    var status: String
    var time: Date
    var recipientID: String
    var bizOpaqueCallbackData: String?
    var conversationID: String
    /// Pricing category: `service` for free-form replies, the template's category otherwise.
    var category: String
    var error: (code: Int, title: String, details: String)?
}
