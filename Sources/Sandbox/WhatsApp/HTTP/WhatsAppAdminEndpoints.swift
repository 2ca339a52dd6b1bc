import Foundation
import Hummingbird

/// `/_sandbox/…`: endpoints outside the real API (no token) with which scripts and tests play the other side —
/// contacts writing and tapping, templates being approved or paused, faults, limits, the webhook target — and read
/// what happened. Bodies are JSON objects; errors are `{"error": {"message": …}}` with 400 or 404.
struct WhatsAppAdminEndpoints: Sendable {
    let sandbox: WhatsAppSandbox

    var services: WhatsAppServices { sandbox.services }

    func handle(method: HTTPRequest.Method, path: String, query: QueryItems, body: [UInt8], host: String) async -> APIResponse {
        let segments = path.split(separator: "/").dropFirst().map { String($0).removingPercentEncoding ?? String($0) }
        let json: JSONValue
        if body.isEmpty {
            json = .object([:])
        } else if let parsed = JSONValue.parse(body), parsed.objectValue != nil {
            json = parsed
        } else {
            return Self.error(.badRequest, "The body must be a JSON object")
        }
        do throws(AdminFailure) {
            return try await route(method, segments, query, json)
        } catch {
            return Self.error(error.status, error.message)
        }
    }

    private func route(_ method: HTTPRequest.Method, _ path: [String], _ query: QueryItems,
                       _ body: JSONValue) async throws(AdminFailure) -> APIResponse {
        switch (method, path.first ?? "", path.count) {
        case (.get, "messages", 1):
            return .json(WhatsAppAdminJSON.list(sandbox.sentMessages(to: query["to"]), WhatsAppAdminJSON.message))
        case (.get, "messages", 2):
            guard let message = sandbox.sentMessage(path[1]) else { throw AdminFailure(.notFound, "No message \(path[1])") }
            return .json(WhatsAppAdminJSON.single(message, WhatsAppAdminJSON.message))
        case (.post, "messages", 3) where path[2] == "tap":
            guard let button = body["button"]?.stringValue else { throw AdminFailure(.badRequest, "Send {\"button\": \"id, payload or title\"}") }
            guard let inbound = sandbox.tap(button, on: path[1]) else {
                throw AdminFailure(.notFound, "No message \(path[1]) with a button \(button)")
            }
            return .json(WhatsAppAdminJSON.single(inbound, WhatsAppAdminJSON.inbound))
        case (.get, "read-receipts", 1):
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("data", strings: sandbox.readReceipts())
            writer.endObject()
            return .json(writer)
        case (.get, "inbound", 1):
            return .json(WhatsAppAdminJSON.list(sandbox.inboundMessages(), WhatsAppAdminJSON.inbound))
        case (.get, "webhooks", 1):
            return .json(WhatsAppAdminJSON.list(sandbox.webhooks(), WhatsAppAdminJSON.webhook))
        case (.get, "webhook", 1):
            return webhookState()
        case (.put, "webhook", 1), (.post, "webhook", 1):
            try configureWebhook(body)
            return webhookState()
        case (.post, "webhook", 2) where path[1] == "verify":
            await sandbox.verifyWebhook()
            return webhookState()
        case (.get, "templates", 1):
            return .json(WhatsAppAdminJSON.list(sandbox.templates(), WhatsAppAdminJSON.template))
        case (.post, "templates", 1), (.put, "templates", 1):
            let template = try Self.template(body)
            sandbox.createTemplate(template)
            return .json(WhatsAppAdminJSON.single(template, WhatsAppAdminJSON.template), status: .created)
        case (.post, "templates", 3):
            let statuses: [String: WhatsAppTemplate.Status] = ["approve": .approved, "pause": .paused, "disable": .disabled,
                                                                "reject": .rejected, "pending": .pending]
            guard let status = statuses[path[2]] else {
                throw AdminFailure(.notFound, "Template actions: approve, pause, disable, reject, pending")
            }
            let changed = sandbox.setTemplateStatus(path[1], language: body["language"]?.stringValue, to: status)
            guard changed > 0 else { throw AdminFailure(.notFound, "No template \(path[1])") }
            return .json(WhatsAppAdminJSON.list(sandbox.templates().filter { $0.name == path[1] }, WhatsAppAdminJSON.template))
        case (.delete, "templates", 2):
            guard sandbox.deleteTemplate(path[1], language: query["language"]) > 0 else {
                throw AdminFailure(.notFound, "No template \(path[1])")
            }
            return .noContent
        case (.post, "reset", 1):
            sandbox.reset()
            return .noContent
        default:
            return try await WhatsAppAdminPhoneSide(sandbox: sandbox).route(method, path, query, body)
        }
    }

    private func webhookState() -> APIResponse {
        .json(WhatsAppAdminJSON.single(services.webhooks.verification, { verification, writer in
            WhatsAppAdminJSON.verification(verification, options: services.webhooks.options, &writer)
        }))
    }

    private func configureWebhook(_ body: JSONValue) throws(AdminFailure) {
        var target = services.webhooks.target
        if let url = body["callback_url"] {
            guard url.isNull || url.stringValue.map({ $0.hasPrefix("http://") || $0.hasPrefix("https://") }) == true else {
                throw AdminFailure(.badRequest, "callback_url must be an http(s) URL or null")
            }
            target.url = url.stringValue
        }
        if let secret = body["app_secret"]?.stringValue { target.appSecret = secret }
        if let token = body["verify_token"]?.stringValue { target.verifyToken = token }
        services.webhooks.setTarget(target)
        if let probability = body["duplicate_probability"]?.numberValue {
            var options = services.webhooks.options
            options.duplicateProbability = min(1, max(0, probability))
            services.webhooks.setOptions(options)
        }
    }

    private static func template(_ body: JSONValue) throws(AdminFailure) -> WhatsAppTemplate {
        guard let name = body["name"]?.stringValue, !name.isEmpty, let text = body["body"]?.stringValue else {
            throw AdminFailure(.badRequest, "Send {\"name\", \"language\", \"body\" (with {{1}} placeholders), \"header\", \"quick_replies\", \"category\", \"status\"}")
        }
        var status = WhatsAppTemplate.Status.approved
        if let raw = body["status"]?.stringValue {
            guard let parsed = WhatsAppTemplate.Status(rawValue: raw.uppercased()) else {
                throw AdminFailure(.badRequest, "status must be APPROVED, PENDING, REJECTED, PAUSED or DISABLED")
            }
            status = parsed
        }
        let replies = (body["quick_replies"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard replies.count <= 10 else { throw AdminFailure(.badRequest, "At most 10 quick replies") }
        return WhatsAppTemplate(name: name, language: body["language"]?.stringValue ?? "en_US",
                                category: body["category"]?.stringValue ?? "utility", header: body["header"]?.stringValue,
                                body: text, quickReplies: replies, status: status)
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> APIResponse {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.objectField("error") { $0.field("message", message) }
        writer.endObject()
        return .json(writer, status: status)
    }
}

/// A refusal of an admin request.
struct AdminFailure: Error {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }
}
