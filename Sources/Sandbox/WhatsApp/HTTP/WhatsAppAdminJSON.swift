import Foundation

/// JSON of what `/_sandbox/…` reports — sent messages, inbound messages, webhooks, templates, contacts, windows,
/// scripts — in snake_case, times as RFC 3339 with fractions.
enum WhatsAppAdminJSON {
    static func list<Item>(_ items: [Item], _ write: (Item, inout JSONWriter) -> Void) -> JSONWriter {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.arrayField("data") { array in
            for item in items { write(item, &array) }
        }
        writer.endObject()
        return writer
    }

    static func single<Item>(_ item: Item, _ write: (Item, inout JSONWriter) -> Void) -> JSONWriter {
        var writer = JSONWriter(capacity: 512)
        write(item, &writer)
        return writer
    }

    static func time(_ date: Date?) -> String? {
        date.map(UTCTimestamp.fractionalString)
    }

    static func message(_ message: WhatsAppSentMessage, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", message.id)
        writer.field("to", message.to)
        writer.field("wa_id", message.waID)
        writer.field("type", message.type)
        writer.field("interactive_type", message.interactiveType)
        writer.field("body", message.body)
        writer.field("template_name", message.templateName)
        writer.field("template_language", message.templateLanguage)
        writer.field("template_parameters", strings: message.templateParameters)
        writer.field("header_parameters", strings: message.headerParameters)
        writer.arrayField("buttons") { buttons in
            for button in message.buttons {
                buttons.beginObject()
                buttons.field("kind", button.kind.rawValue)
                buttons.field("id", button.id)
                buttons.field("title", button.title)
                if let description = button.rowDescription { buttons.field("description", description) }
                buttons.endObject()
            }
        }
        writer.field("media_id", message.mediaID)
        writer.field("media_link", message.mediaLink)
        writer.field("context_message_id", message.contextMessageID)
        writer.field("biz_opaque_callback_data", message.bizOpaqueCallbackData)
        writer.field("accepted_at", time(message.acceptedAt))
        writer.field("status", message.status)
        writer.arrayField("statuses") { statuses in
            for event in message.statuses {
                statuses.beginObject()
                statuses.field("status", event.status)
                statuses.field("time", time(event.time))
                if let code = event.errorCode { statuses.field("error_code", code) }
                statuses.endObject()
            }
        }
        writer.key("request")
        if let request = JSONValue.parse(Array(message.requestBody.utf8)) { request.write(to: &writer) } else { writer.null() }
        writer.endObject()
    }

    static func inbound(_ message: WhatsAppInboundMessage, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", message.id)
        writer.field("from", message.from)
        writer.field("type", message.type)
        writer.field("summary", message.content.summary)
        writer.field("context_message_id", message.contextMessageID)
        writer.field("time", time(message.time))
        writer.endObject()
    }

    static func webhook(_ record: WhatsAppWebhookRecord, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", record.id)
        writer.field("kind", record.kind)
        writer.field("message_id", record.messageID)
        writer.field("detail", record.detail)
        writer.field("state", record.state.rawValue)
        writer.field("url", record.url)
        writer.field("attempts", record.attempts)
        writer.arrayField("response_statuses") { statuses in
            for status in record.responseStatuses {
                if let status { statuses.int(status) } else { statuses.null() }
            }
        }
        writer.field("duplicates_sent", record.duplicatesSent)
        writer.field("signature", record.signature)
        writer.field("created_at", time(record.createdAt))
        writer.field("body", record.body)
        writer.endObject()
    }

    static func template(_ template: WhatsAppTemplate, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("name", template.name)
        writer.field("language", template.language)
        writer.field("category", template.category)
        writer.field("status", template.status.rawValue)
        writer.field("header", template.header)
        writer.field("body", template.body)
        writer.field("header_parameter_count", template.headerParameterCount)
        writer.field("body_parameter_count", template.bodyParameterCount)
        writer.field("quick_replies", strings: template.quickReplies)
        writer.endObject()
    }

    static func contact(_ contact: WhatsAppContact, window: WhatsAppServiceWindow, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("wa_id", contact.waID)
        writer.field("name", contact.name)
        writer.field("on_whatsapp", contact.isOnWhatsApp)
        writer.key("window")
        self.window(window, &writer)
        writer.endObject()
    }

    static func window(_ window: WhatsAppServiceWindow, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("wa_id", window.waID)
        writer.field("open", window.isOpen)
        writer.field("last_inbound_at", time(window.lastInboundAt))
        writer.field("expires_at", time(window.expiresAt))
        writer.endObject()
    }

    static func script(_ script: WhatsAppContactScript, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", script.id)
        writer.field("wa_id", script.waID)
        switch script.trigger {
        case .buttons: writer.field("when", "buttons")
        case .anyMessage: writer.field("when", "any")
        case .textContaining(let text): writer.field("text_contains", text)
        }
        writer.objectField("reply") { reply in
            switch script.reply {
            case .tap(let value): reply.field("tap", value)
            case .tapIndex(let index): reply.field("tap_index", index)
            case .text(let text): reply.field("text", text)
            }
        }
        writer.field("delay_ms", Int(script.delay.components.seconds * 1000 + script.delay.components.attoseconds / 1_000_000_000_000_000))
        writer.field("once", script.once)
        writer.endObject()
    }

    static func fault(_ fault: WhatsAppFault, _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("count", fault.count)
        writer.field("code", fault.code)
        writer.field("http_status", fault.httpStatus)
        writer.field("message", fault.message)
        writer.field("wa_id", fault.recipient)
        writer.endObject()
    }

    static func verification(_ verification: WhatsAppWebhookVerification, options: WhatsAppWebhookOptions,
                             _ writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("callback_url", verification.url)
        writer.field("verification", verification.state.rawValue)
        writer.field("verification_detail", verification.detail)
        writer.key("duplicate_probability")
        writer.double(options.duplicateProbability)
        writer.field("maximum_attempts", options.maximumAttempts)
        writer.endObject()
    }
}
