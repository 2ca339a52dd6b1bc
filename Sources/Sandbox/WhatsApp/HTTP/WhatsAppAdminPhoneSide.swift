import Foundation
import Hummingbird

/// The `/_sandbox/…` endpoints for the phone side and the knobs: contacts and their windows, contacts writing,
/// scripts, media uploads, injected faults and limits.
struct WhatsAppAdminPhoneSide {
    let sandbox: WhatsAppSandbox

    func route(_ method: HTTPRequest.Method, _ path: [String], _ query: QueryItems,
               _ body: JSONValue) async throws(AdminFailure) -> APIResponse {
        switch (method, path.first ?? "", path.count) {
        case (.get, "contacts", 1):
            return .json(WhatsAppAdminJSON.list(sandbox.contacts()) { contact, writer in
                WhatsAppAdminJSON.contact(contact, window: sandbox.serviceWindow(for: contact.waID), &writer)
            })
        case (.put, "contacts", 2), (.post, "contacts", 2):
            sandbox.setContact(path[1], name: body["name"]?.stringValue, isOnWhatsApp: body["on_whatsapp"]?.boolValue ?? true)
            let contact = sandbox.contacts().first { $0.waID == (WhatsAppID.normalise(path[1]) ?? path[1]) }
            guard let contact else { throw AdminFailure(.badRequest, "Not a phone number: \(path[1])") }
            return .json(WhatsAppAdminJSON.single(contact) { contact, writer in
                WhatsAppAdminJSON.contact(contact, window: sandbox.serviceWindow(for: contact.waID), &writer)
            })
        case (.post, "contacts", 3) where path[2] == "messages":
            guard let waID = WhatsAppID.normalise(path[1]) else { throw AdminFailure(.badRequest, "Not a phone number: \(path[1])") }
            let content = try inboundContent(body)
            let message = sandbox.receive(from: waID, content, replyingTo: body["context"]?.stringValue)
            return .json(WhatsAppAdminJSON.single(message, WhatsAppAdminJSON.inbound), status: .created)
        case (.get, "contacts", 3) where path[2] == "window":
            return .json(WhatsAppAdminJSON.single(sandbox.serviceWindow(for: path[1]), WhatsAppAdminJSON.window))
        case (.put, "contacts", 3) where path[2] == "window", (.post, "contacts", 3) where path[2] == "window":
            guard let value = body["last_inbound_at"] else {
                throw AdminFailure(.badRequest, "Send {\"last_inbound_at\": unix-seconds} or null to close the window")
            }
            sandbox.setLastInbound(path[1], at: value.numberValue.map { Date(timeIntervalSince1970: $0) })
            return .json(WhatsAppAdminJSON.single(sandbox.serviceWindow(for: path[1]), WhatsAppAdminJSON.window))
        case (.get, "scripts", 1):
            return .json(WhatsAppAdminJSON.list(sandbox.scripts(), WhatsAppAdminJSON.script))
        case (.post, "scripts", 1):
            let script = try Self.script(body)
            sandbox.addScript(script)
            return .json(WhatsAppAdminJSON.single(script, WhatsAppAdminJSON.script), status: .created)
        case (.delete, "scripts", 1):
            sandbox.removeScripts()
            return .noContent
        case (.delete, "scripts", 2):
            sandbox.removeScripts(id: path[1])
            return .noContent
        case (.post, "media", 1):
            return try upload(body)
        case (.get, "faults", 1):
            return .json(WhatsAppAdminJSON.list(sandbox.pendingFaults(), WhatsAppAdminJSON.fault))
        case (.post, "faults", 1):
            guard let code = body["code"]?.int64Value else {
                throw AdminFailure(.badRequest, "Send {\"code\": 131000, \"http_status\": 500, \"count\": 1, \"message\": …, \"wa_id\": …}")
            }
            let fault = WhatsAppFault(count: Int(body["count"]?.int64Value ?? 1), code: Int(code),
                                      httpStatus: Int(body["http_status"]?.int64Value ?? 500), message: body["message"]?.stringValue,
                                      recipient: body["wa_id"]?.stringValue)
            guard (400...599).contains(fault.httpStatus) else { throw AdminFailure(.badRequest, "http_status must be 400…599") }
            sandbox.injectFault(fault)
            return .json(WhatsAppAdminJSON.list(sandbox.pendingFaults(), WhatsAppAdminJSON.fault), status: .created)
        case (.delete, "faults", 1):
            sandbox.clearFaults()
            return .noContent
        case (.get, "delivery-faults", 1):
            return .json(WhatsAppAdminJSON.list(sandbox.pendingDeliveryFaults(), WhatsAppAdminJSON.deliveryFault))
        case (.post, "delivery-faults", 1):
            guard let code = body["code"]?.int64Value else { throw AdminFailure(.badRequest, "Send {\"code\": 131000, \"count\": 1, \"wa_id\": …, \"details\": …}") }
            sandbox.injectDeliveryFault(WhatsAppDeliveryFault(count: Int(body["count"]?.int64Value ?? 1), code: Int(code), details: body["details"]?.stringValue,
                                                              recipient: body["wa_id"]?.stringValue))
            return .json(WhatsAppAdminJSON.list(sandbox.pendingDeliveryFaults(), WhatsAppAdminJSON.deliveryFault), status: .created)
        case (.delete, "delivery-faults", 1):
            sandbox.clearDeliveryFaults()
            return .noContent
        case (.put, "limits", 1), (.post, "limits", 1):
            try setLimits(body)
            return .noContent
        default:
            throw AdminFailure(.notFound, "No sandbox endpoint \(method.rawValue) /_sandbox/\(path.joined(separator: "/")) (see docs/sandbox.md)")
        }
    }

    /// `{"type": "text", "text": …}`, `{"type": "button_reply", "id", "title"}`, `{"type": "list_reply", "id",
    /// "title", "description"}`, `{"type": "button", "payload", "text"}`, `{"type": "image"|"document", "media_id" |
    /// "data_base64" + "mime_type", "caption", "filename"}`, `{"type": "reaction", "message_id", "emoji"}`.
    private func inboundContent(_ body: JSONValue) throws(AdminFailure) -> WhatsAppInboundContent {
        func need(_ key: String) throws(AdminFailure) -> String {
            guard let value = body[key]?.stringValue else { throw AdminFailure(.badRequest, "\(key) is required") }
            return value
        }
        switch body["type"]?.stringValue ?? "text" {
        case "text": return .text(try need("text"))
        case "button_reply": return .buttonReply(id: try need("id"), title: try need("title"))
        case "list_reply": return .listReply(id: try need("id"), title: try need("title"), description: body["description"]?.stringValue)
        case "button":
            let payload = try need("payload")
            return .templateButton(payload: payload, text: body["text"]?.stringValue ?? payload)
        case "reaction": return .reaction(messageID: try need("message_id"), emoji: body["emoji"]?.stringValue ?? "")
        case let kind where kind == "image" || kind == "document":
            var mediaID = body["media_id"]?.stringValue
            if mediaID == nil, let data = body["data_base64"]?.stringValue {
                guard let bytes = Data(base64Encoded: data) else { throw AdminFailure(.badRequest, "data_base64 is not base64") }
                mediaID = sandbox.uploadMedia(Array(bytes), mimeType: body["mime_type"]?.stringValue ?? (kind == "image" ? "image/jpeg" : "application/pdf"),
                                              filename: body["filename"]?.stringValue)
            }
            guard let mediaID, sandbox.media(mediaID) != nil else {
                throw AdminFailure(.badRequest, "Give media_id of uploaded media (POST /_sandbox/media) or data_base64")
            }
            let caption = body["caption"]?.stringValue
            return kind == "image" ? .image(mediaID: mediaID, caption: caption)
                : .document(mediaID: mediaID, caption: caption, filename: body["filename"]?.stringValue)
        case let other:
            throw AdminFailure(.badRequest, "Unknown inbound type \(other): text, button_reply, list_reply, button, image, document, reaction")
        }
    }

    private func upload(_ body: JSONValue) throws(AdminFailure) -> APIResponse {
        let bytes: [UInt8]
        if let base64 = body["data_base64"]?.stringValue {
            guard let data = Data(base64Encoded: base64) else { throw AdminFailure(.badRequest, "data_base64 is not base64") }
            bytes = Array(data)
        } else if let text = body["text"]?.stringValue {
            bytes = Array(text.utf8)
        } else {
            throw AdminFailure(.badRequest, "Send {\"mime_type\", \"filename\", and \"data_base64\" or \"text\"}")
        }
        let id = sandbox.uploadMedia(bytes, mimeType: body["mime_type"]?.stringValue ?? "application/octet-stream",
                                     filename: body["filename"]?.stringValue)
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writer.field("id", id)
        writer.endObject()
        return .json(writer, status: .created)
    }

    /// `{"wa_id", "when": "buttons"|"any" or "text_contains": …, "reply": {"tap"|"tap_index"|"text": …}, "delay_ms", "once"}`.
    private static func script(_ body: JSONValue) throws(AdminFailure) -> WhatsAppContactScript {
        guard let waID = body["wa_id"]?.stringValue, WhatsAppID.normalise(waID) != nil else {
            throw AdminFailure(.badRequest, "wa_id (a phone number) is required")
        }
        let trigger: WhatsAppContactScript.Trigger
        if let text = body["text_contains"]?.stringValue {
            trigger = .textContaining(text)
        } else {
            switch body["when"]?.stringValue ?? "buttons" {
            case "buttons": trigger = .buttons
            case "any": trigger = .anyMessage
            default: throw AdminFailure(.badRequest, "when must be \"buttons\" or \"any\" (or give text_contains)")
            }
        }
        let reply: WhatsAppContactScript.Reply
        if let tap = body["reply"]?["tap"]?.stringValue {
            reply = .tap(tap)
        } else if let index = body["reply"]?["tap_index"]?.int64Value {
            reply = .tapIndex(Int(index))
        } else if let text = body["reply"]?["text"]?.stringValue {
            reply = .text(text)
        } else {
            throw AdminFailure(.badRequest, "reply must be {\"tap\": …}, {\"tap_index\": n} or {\"text\": …}")
        }
        let delay = Duration.milliseconds(max(0, body["delay_ms"]?.int64Value ?? 20))
        let id = body["id"]?.stringValue ?? UUID().uuidString
        return WhatsAppContactScript(id: id, waID: waID, trigger: trigger, reply: reply, delay: delay,
                                     once: body["once"]?.boolValue ?? false)
    }

    /// `{"throughput_per_second", "pair_rate_limit": {"enabled", "interval_ms", "burst"}, "status_timing": {"sent_ms",
    /// "delivered_ms", "read_ms" (null: never read)}}`; members left out keep their value.
    private func setLimits(_ body: JSONValue) throws(AdminFailure) {
        if let limit = body["throughput_per_second"]?.int64Value {
            guard limit >= 1 else { throw AdminFailure(.badRequest, "throughput_per_second must be 1 or more") }
            sandbox.setThroughput(perSecond: Int(limit))
        }
        if let pair = body["pair_rate_limit"] {
            let current = sandbox.services.state.withLock { $0.pairLimit.rule }
            sandbox.setPairRateLimit(PairRateLimit(
                isEnabled: pair["enabled"]?.boolValue ?? current.isEnabled,
                interval: pair["interval_ms"]?.int64Value.map { .milliseconds($0) } ?? current.interval,
                burst: pair["burst"]?.int64Value.map { Int($0) } ?? current.burst))
        }
        if let timing = body["status_timing"] {
            var current = sandbox.services.state.withLock { $0.timing }
            if let sent = timing["sent_ms"]?.int64Value { current.sent = .milliseconds(sent) }
            if let delivered = timing["delivered_ms"]?.int64Value { current.delivered = .milliseconds(delivered) }
            if let read = timing["read_ms"] { current.read = read.int64Value.map { .milliseconds($0) } }
            sandbox.setStatusTiming(current)
        }
    }
}
