import ConnectorKit
import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardServer
import SwitchboardStore
import SwitchboardTestSupport

/// A Zendesk sandbox and a Switchboard node (SQLite or PostgreSQL) with the conversation-sync recipe enabled; tests
/// drive the node over HTTP — signed inbound messages, the admin API — and read the tickets back from the sandbox's
/// API.
final class ConversationSyncHarness: ZendeskNodeHarness {
    static let adminToken = "conversation-admin-token"
    static let secret = "channel-secret-0123456789"

    let fixture: ZendeskNodeFixture

    static func with<T>(_ database: TestDatabase, _ body: (ConversationSyncHarness) async throws -> T) async throws -> T {
        try await withShutdown(try await ConversationSyncHarness(database), body)
    }

    private init(_ database: TestDatabase) async throws {
        fixture = try await ZendeskNodeFixture(
            database, name: "conversation-sync", tickets: 3, seed: 5,
            recipe: "conversation-sync", settings: ["backoff": "100ms", "max_delay": "1s", "max_attempts": "30"], adminToken: Self.adminToken,
            runtime: RuntimeConfiguration(node: "conversations", concurrency: 4, pollInterval: .milliseconds(50)))
    }

    // MARK: Switchboard

    /// Configure a channel (and its signing secret) through the admin API.
    @discardableResult
    func channel(_ name: String, _ settings: [String: Any]) async throws -> [String: Any] {
        var body = settings
        body["secret"] = Self.secret
        return try await admin("PUT", "/api/conversation-channels/\(name)", body)
    }

    /// Deliver one message through the signed inbound API; the response status and body.
    @discardableResult
    func send(_ channel: String, conversation: String, id: String, author: String = "customer", text: String, handle: String = "@reader",
              name: String? = "Ada Reader", email: String? = nil, tags: [String]? = nil, team: String? = nil, closed: Bool? = nil,
              data: [String: Any]? = nil, signature: String? = nil, timestamp: Int64? = nil) async throws -> TestHTTP.Response {
        var contact: [String: Any] = ["handle": handle]
        if let name { contact["name"] = name }
        if let email { contact["email"] = email }
        var json: [String: Any] = ["conversation_id": conversation, "account": "@publisher", "contact": contact,
                                   "message": ["id": id, "author": author, "text": text]]
        if let tags { json["tags"] = tags }
        if let team { json["team"] = team }
        if let closed { json["closed"] = closed }
        if let data { json["data"] = data }
        return try await sendRaw(channel, body: Array(try JSONSerialization.data(withJSONObject: json)), signature: signature, timestamp: timestamp)
    }

    func sendRaw(_ channel: String, body: [UInt8], signature: String? = nil, timestamp: Int64? = nil) async throws -> TestHTTP.Response {
        let time = String(timestamp ?? Int64(Date().timeIntervalSince1970))
        let signed = signature ?? ConversationSyncInbox.signature(secret: Self.secret, timestamp: time, body: body)
        return try await TestHTTP.request("POST", nodeURL + "/api/conversations/\(channel)/messages",
                                          headers: ["Content-Type": "application/json", ConversationSyncInbox.timestampHeader: time, ConversationSyncInbox.signatureHeader: signed],
                                          body: body)
    }

    /// The conversation as the admin API shows it, found by its channel's id.
    func conversation(_ channel: String, _ externalID: String) async throws -> [String: Any] {
        let list = try await admin("GET", "/api/conversations?channel=\(channel)")["conversations"] as? [[String: Any]] ?? []
        guard let id = list.first(where: { $0["external_id"] as? String == externalID })?["id"] as? String else { throw HarnessError("no conversation \(externalID)") }
        return try await admin("GET", "/api/conversations/\(id)")
    }

    func sync(_ conversation: [String: Any]) -> (state: String, reason: String?) {
        let sync = conversation["sync"] as? [String: Any] ?? [:]
        return (sync["state"] as? String ?? "?", sync["reason"] as? String)
    }

    func ticketIDs(_ conversation: [String: Any]) -> [Int64] {
        (conversation["tickets"] as? [[String: Any]] ?? []).compactMap { ($0["ticket_id"] as? NSNumber)?.int64Value }
    }

    /// Wait until every run has finished (none queued or running); fail on a failed run.
    func settle(timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let counts = try await store.session { try await $0.runCounts() }
            if counts.filter({ !["succeeded", "failed", "dead"].contains($0.key) }).isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                let again = try await store.session { try await $0.runCounts() }
                if again == counts {
                    guard counts["failed", default: 0] == 0 else { throw HarnessError("runs failed: \(counts)") }
                    return
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessError("runs did not finish in time: \(try await store.session { try await $0.runCounts() })")
    }

    // MARK: Zendesk (read back over its API)

    func createUser(name: String, email: String) async throws -> Int64 {
        let user = try await zendeskCall("POST", "/api/v2/users.json", ["user": ["name": name, "email": email, "role": "end-user"]])["user"] as? [String: Any]
        return try requireValue((user?["id"] as? NSNumber)?.int64Value, "a user id")
    }

    func ticket(_ id: Int64) async throws -> [String: Any] {
        try await zendeskCall("GET", "/api/v2/tickets/\(id).json")["ticket"] as? [String: Any] ?? [:]
    }

    /// The ticket's comments in order: body, public, author.
    func comments(_ id: Int64) async throws -> [Comment] {
        let list = try await zendeskCall("GET", "/api/v2/tickets/\(id)/comments.json")["comments"] as? [[String: Any]] ?? []
        return list.map { Comment(body: $0["body"] as? String ?? "", isPublic: $0["public"] as? Bool ?? false, authorID: ($0["author_id"] as? NSNumber)?.int64Value ?? 0) }
    }

    struct Comment: Equatable, CustomStringConvertible {
        var body: String
        var isPublic: Bool
        var authorID: Int64
        var description: String { "[\(isPublic ? "public" : "internal") by \(authorID)] \(body)" }
    }

    var adminUserID: Int64 { zendesk.adminUserID }

    /// Tickets in the sandbox created by Switchboard for conversations.
    func conversationTicketCount() async throws -> Int {
        zendesk.ticketSummaries().filter { $0.subject.contains(" conversation with ") }.count
    }

    func contextComment(_ conversation: [String: Any], lastSequence: Int, network: String) -> String {
        ConversationSyncContent.contextComment(lastMessageURL: "\(nodeURL)/api/conversations/\(conversation["id"] as? String ?? "")/messages/\(lastSequence)",
                                               network: network, account: "@publisher")
    }
}

func requireValue<T>(_ value: T?, _ what: String) throws -> T {
    guard let value else { throw HarnessError("expected \(what)") }
    return value
}
