import Foundation
import HTTPTypes
import Hummingbird
import LooseJSON
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import ZendeskKit

/// The conversation sync's HTTP surface: the signed inbound API of messaging channels
/// (`POST /api/conversations/{channel}/messages`, HMAC-signed, no bearer token) and the admin API (bearer) to list
/// and show conversations with their sync state and reason, associate customers, tag, route, close, reply, and set
/// each channel's rules and signing secret.
struct ConversationSyncRoutes {
    let store: Store
    let inbox: ConversationSyncInbox
    let admin: ConversationSyncAdmin
    let adminToken: String?
    let maxBodyBytes: Int

    func register(on router: Router<BasicRequestContext>) {
        // `:id` is the channel here; the admin routes below share the path's shape, so they share the parameter name.
        router.post("api/conversations/:id/messages") { request, context in try await inbound(request, channel: context.parameters.get("id") ?? "") }
        let group = router.group("api").add(middleware: AdminAuthMiddleware(token: adminToken))
        group.get("conversations") { request, _ in
            let query = request.uri.queryParameters
            let limit = min(max(Int(query["limit"].map(String.init) ?? "") ?? 200, 1), 1000)
            let list = try await store.session { try await $0.conversations(channel: query["channel"].map(String.init), syncState: query["state"].map(String.init), limit: limit) }
            return JSONResponse.make(.ok, .object(["conversations": .array(list.map(ConversationSyncJSON.conversation))]))
        }
        group.get("conversations/:id") { _, context in try await show(context.parameters.get("id") ?? "") }
        group.get("conversations/:id/messages/:sequence") { _, context in
            let id = context.parameters.get("id") ?? ""
            let sequence = Int64(context.parameters.get("sequence") ?? "") ?? -1
            guard let message = try await store.session({ try await $0.conversationMessages(conversationID: id) }).first(where: { $0.sequence == sequence }) else {
                return JSONResponse.error(.notFound, "no message \(sequence) in conversation \(id)")
            }
            return JSONResponse.make(.ok, ConversationSyncJSON.message(message))
        }
        group.post("conversations/:id/associate") { request, context in
            try await handle { try await associate(context.parameters.get("id") ?? "", body: try await json(request)) }
        }
        group.post("conversations/:id/disassociate") { _, context in
            try await handle { ConversationSyncJSON.conversation(try await admin.disassociate(context.parameters.get("id") ?? "")) }
        }
        group.put("conversations/:id/tags") { request, context in
            try await handle {
                guard case .array(let items)? = try await json(request)["tags"] else { throw ConversationSyncAdmin.badRequest("the body must be {\"tags\": [\"...\"]}") }
                return ConversationSyncJSON.conversation(try await admin.setTags(context.parameters.get("id") ?? "", tags: items.compactMap(\.stringValue)))
            }
        }
        group.post("conversations/:id/route") { request, context in
            try await handle { ConversationSyncJSON.conversation(try await admin.route(context.parameters.get("id") ?? "", team: try await json(request)["team"]?.stringValue)) }
        }
        group.post("conversations/:id/close") { _, context in
            try await handle { ConversationSyncJSON.conversation(try await admin.setStatus(context.parameters.get("id") ?? "", closed: true)) }
        }
        group.post("conversations/:id/reopen") { _, context in
            try await handle { ConversationSyncJSON.conversation(try await admin.setStatus(context.parameters.get("id") ?? "", closed: false)) }
        }
        group.post("conversations/:id/replies") { request, context in
            try await handle {
                let body = try await json(request)
                let (conversation, sequence) = try await admin.recordAdvisorReply(context.parameters.get("id") ?? "", text: body["text"]?.stringValue ?? "",
                                                                                   advisor: body["advisor"]?.stringValue)
                return .object(["sequence": .number(Double(sequence)), "conversation": ConversationSyncJSON.conversation(conversation)])
            }
        }
        group.get("conversation-tickets/:ticket") { request, context in
            let connection = request.uri.queryParameters["connection"].map(String.init) ?? "default"
            guard let ticket = Int64(context.parameters.get("ticket") ?? ""),
                  let conversation = try await store.session({ try await $0.conversationForTicket(connection: connection, ticketID: ticket) }) else {
                return JSONResponse.error(.notFound, "no conversation was synchronised into that ticket")
            }
            return JSONResponse.make(.ok, ConversationSyncJSON.conversation(conversation))
        }
        group.get("conversation-channels") { _, _ in
            let list = try await store.session { try await $0.allChannelSyncSettings() }
            return JSONResponse.make(.ok, .object(["channels": .array(list.map(\.json))]))
        }
        group.get("conversation-channels/:channel") { _, context in
            let channel = context.parameters.get("channel") ?? ""
            return try await handle { try await channelJSON(try await admin.settings(channel)) }
        }
        group.put("conversation-channels/:channel") { request, context in
            let channel = context.parameters.get("channel") ?? ""
            return try await handle {
                guard case .object(var fields) = try await json(request) else { throw ConversationSyncAdmin.badRequest("the body must be a JSON object") }
                if let secret = fields.removeValue(forKey: "secret") {
                    guard let text = secret.stringValue, text.count >= 16 else { throw ConversationSyncAdmin.badRequest("secret must be a string of at least 16 characters") }
                    guard ConversationSyncInbox.validChannel(channel) else { throw ConversationSyncAdmin.badRequest("channel names are lower-case letters, digits, - and _") }
                    try await inbox.setSecret(text, channel: channel)
                }
                return try await channelJSON(try await admin.updateSettings(channel, with: .object(fields)))
            }
        }
        group.get("zendesk-customers") { request, _ in
            let query = request.uri.queryParameters
            guard let text = query["query"].map(String.init), !text.isEmpty else { return JSONResponse.error(.badRequest, "query is required (an email, phone or name)") }
            return try await handle {
                .object(["customers": .array(try await admin.searchCustomers(text, channel: query["channel"].map(String.init) ?? "default").map(ConversationSyncJSON.user))])
            }
        }
    }

    func inbound(_ request: Request, channel: String) async throws -> Response {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: maxBodyBytes) } catch { return JSONResponse.error(.contentTooLarge, "body larger than \(maxBodyBytes) bytes") }
        let headers = request.headers
        let header = { (name: String) in HTTPField.Name(name).flatMap { headers[$0] } }
        switch await inbox.receive(channel: channel, body: Array(buffer.readableBytesView), timestamp: header(ConversationSyncInbox.timestampHeader),
                                   signature: header(ConversationSyncInbox.signatureHeader)) {
        case .accepted(let id, let sequence):
            return JSONResponse.make(.accepted, .object(["status": "accepted", "conversation_id": .string(id), "sequence": .number(Double(sequence))]))
        case .duplicate(let id): return JSONResponse.make(.ok, .object(["status": "duplicate", "conversation_id": .string(id)]))
        case .rejected(let status, let reason): return JSONResponse.error(HTTPResponse.Status(code: status), reason)
        }
    }

    func show(_ id: String) async throws -> Response {
        guard let detail = try await store.session({ session -> JSONValue? in
            guard let conversation = try await session.conversation(id: id) else { return nil }
            return ConversationSyncJSON.detail(conversation, messages: try await session.conversationMessages(conversationID: id),
                                               tickets: try await session.conversationTickets(conversationID: id))
        }) else { return JSONResponse.error(.notFound, "no conversation \(id)") }
        return JSONResponse.make(.ok, detail)
    }

    func associate(_ id: String, body: JSONValue) async throws -> JSONValue {
        if let userID = body["user_id"]?.int64Value {
            return ConversationSyncJSON.conversation(try await admin.associate(id, userID: userID))
        }
        if let create = body["create"], case .object = create {
            var fields: [String: JSONValue] = [:]
            if case .object(let given)? = create["user_fields"] { fields = given }
            let (user, conversation) = try await admin.createCustomer(id, name: create["name"]?.stringValue, email: create["email"]?.stringValue,
                                                                      phone: create["phone"]?.stringValue, userFields: fields)
            return .object(["customer": ConversationSyncJSON.user(user), "conversation": ConversationSyncJSON.conversation(conversation)])
        }
        if let query = body["search"]?.stringValue {
            let conversation = try await admin.existing(id)
            let found = try await admin.searchCustomers(query, channel: conversation.channel)
            return .object(["candidates": .array(found.map(ConversationSyncJSON.user)),
                            "hint": "associate one with {\"user_id\": <id>}, or create one with {\"create\": {\"name\", \"email\", \"user_fields\"}}"])
        }
        throw ConversationSyncAdmin.badRequest("the body must be {\"user_id\": 123}, {\"search\": \"email, phone or name\"} or {\"create\": {\"name\", \"email\", \"phone\", \"user_fields\"}}")
    }

    func channelJSON(_ settings: ChannelSyncSettings) async throws -> JSONValue {
        guard case .object(var fields) = settings.json else { return settings.json }
        fields["has_secret"] = .bool(try await inbox.hasSecret(channel: settings.channel))
        fields["inbound_url"] = .string("/api/conversations/\(settings.channel)/messages")
        return .object(fields)
    }

    func json(_ request: Request) async throws -> JSONValue {
        guard let buffer = try? await request.body.collect(upTo: 1 << 20), let value = try? JSONValue.parse(buffer.readableBytesView), case .object = value else {
            throw ConversationSyncAdmin.badRequest("the body must be a JSON object (at most 1 MB)")
        }
        return value
    }

    /// Run an admin operation: its JSON with 200, or its failure with the right status and message.
    func handle(_ body: () async throws -> JSONValue) async throws -> Response {
        do {
            return JSONResponse.make(.ok, try await body())
        } catch let failure as ConversationSyncAdmin.Failure {
            return JSONResponse.error(HTTPResponse.Status(code: failure.status), failure.description)
        } catch let error as ZendeskError {
            return JSONResponse.error(.badGateway, "Zendesk: \(error.description)")
        } catch let error as ActionError {
            return JSONResponse.error(.badGateway, error.description)
        }
    }
}
