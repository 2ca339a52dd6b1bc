import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// The signed inbound API of messaging channels (`POST /api/conversations/{channel}/messages`): checks the
/// signature over the exact body before reading it, records the message once per message id, and raises
/// `conversation.changed` in the same transaction, so an acknowledged message is never lost and a redelivery adds
/// nothing.
///
/// The signature is `X-Switchboard-Signature: sha256=<hex HMAC-SHA256 of timestamp + "." + body>` under the channel's
/// secret, with `X-Switchboard-Timestamp` (Unix seconds) at most five minutes away from now.
public struct ConversationSyncInbox: Sendable {
    public static let timestampHeader = "X-Switchboard-Timestamp"
    public static let signatureHeader = "X-Switchboard-Signature"
    public static let tolerance: Int64 = 300

    /// How a delivery was answered.
    public enum Result: Sendable, Equatable {
        case accepted(conversationID: String, sequence: Int64)
        case duplicate(conversationID: String)
        case rejected(status: Int, reason: String)
    }

    public let store: Store
    public let secrets: SecretBox?
    public let runtime: FlowRuntime

    public init(store: Store, secrets: SecretBox?, runtime: FlowRuntime) {
        self.store = store
        self.secrets = secrets
        self.runtime = runtime
    }

    static func secretName(_ channel: String) -> String { "conversation-channel:\(channel)" }

    /// Store (encrypted) the secret a channel signs its deliveries with.
    public func setSecret(_ secret: String, channel: String) async throws {
        guard let secrets else { throw StoreError.secret("no master key is available to store the channel secret") }
        try await store.session { try await $0.saveSecret(Array(secret.utf8), name: Self.secretName(channel), box: secrets) }
    }

    public func hasSecret(channel: String) async throws -> Bool {
        try await store.session { try await $0.sealedSecret(name: Self.secretName(channel)) } != nil
    }

    /// The signature a sender puts in `X-Switchboard-Signature`.
    public static func signature(secret: String, timestamp: String, body: [UInt8]) -> String {
        "sha256=" + WebhookSignature.hmacSHA256(key: Array(secret.utf8), message: Array((timestamp + ".").utf8) + body).map { String(format: "%02x", $0) }.joined()
    }

    public func receive(channel: String, body: [UInt8], timestamp: String?, signature: String?, now: Date = Date()) async -> Result {
        guard Self.validChannel(channel) else { return .rejected(status: 404, reason: "channel names are lower-case letters, digits, - and _") }
        let secret: [UInt8]?
        do {
            guard let secrets else { return .rejected(status: 503, reason: "no master key is available to open the channel secret") }
            secret = try await store.session { try await $0.loadSecret(name: Self.secretName(channel), box: secrets) }
        } catch {
            return .rejected(status: 503, reason: "cannot read the channel secret")
        }
        guard let secret else { return .rejected(status: 401, reason: "channel \(channel) has no signing secret; set one with PUT /api/conversation-channels/\(channel)") }
        guard let timestamp, let seconds = Int64(timestamp) else { return .rejected(status: 401, reason: "missing or malformed \(Self.timestampHeader) (Unix seconds)") }
        guard abs(Int64(now.timeIntervalSince1970) - seconds) <= Self.tolerance else {
            return .rejected(status: 401, reason: "\(Self.timestampHeader) is more than 5 minutes away from now; sign each delivery when sending it")
        }
        guard let signature, signature.hasPrefix("sha256="),
              let given = Self.hexBytes(String(signature.dropFirst(7))),
              WebhookSignature.constantTimeEquals(given, WebhookSignature.hmacSHA256(key: secret, message: Array((timestamp + ".").utf8) + body)) else {
            return .rejected(status: 401, reason: "missing or invalid \(Self.signatureHeader) (expected sha256=<hex HMAC-SHA256 of timestamp.body>)")
        }
        let inbound: ConversationInbound
        do {
            let json: JSONValue
            do { json = try JSONValue.parse(body) } catch { return .rejected(status: 400, reason: "the body is not valid JSON") }
            inbound = try ConversationInbound.parse(json)
        } catch {
            return .rejected(status: 400, reason: error.description)
        }
        do {
            return try await record(channel: channel, inbound, now: now)
        } catch {
            return .rejected(status: 503, reason: "could not store the message: \(error)")
        }
    }

    /// Record a message that needs no signature check (the WhatsApp connector's, or tests').
    public func record(channel: String, _ inbound: ConversationInbound, now: Date = Date()) async throws -> Result {
        let runtime = self.runtime
        let seconds = Int64(now.timeIntervalSince1970)
        let result = try await store.transaction { session -> Result in
            switch try await session.recordConversationMessage(channel: channel, inbound, now: seconds) {
            case .duplicate(let id): return .duplicate(conversationID: id)
            case .recorded(let id, let sequence):
                try await ConversationSyncEvents.changed(id, change: "message", in: session, runtime: runtime)
                return .accepted(conversationID: id, sequence: sequence)
            }
        }
        if case .accepted = result { runtime.signal?.notify() }
        return result
    }

    public static func validChannel(_ channel: String) -> Bool {
        !channel.isEmpty && channel.count <= 64 && channel.allSatisfy { ($0.isLetter && $0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}

/// `conversation.changed` events: one per change, each with its own external id, so every change reaches the sync.
public enum ConversationSyncEvents {
    public static func changed(_ conversationID: String, change: String, in session: StoreSession, runtime: FlowRuntime) async throws {
        guard let conversation = try await session.conversation(id: conversationID) else { return }
        let context: JSONValue = .object(["conversation": .object([
            "id": .string(conversation.id), "channel": .string(conversation.channel), "change": .string(change),
            "external_id": .string(conversation.externalID), "contact_handle": .string(conversation.contactHandle),
        ])])
        _ = try await runtime.ingest(Event(source: "switchboard", type: "conversation.changed", externalID: "conversation:\(conversationID):\(UUID().uuidString.lowercased())",
                                           context: context), in: session)
    }

    /// `conversation.replied`: an advisor's reply (message `sequence`) was recorded through Switchboard, once per message.
    public static func replied(_ conversationID: String, sequence: Int64, in session: StoreSession, runtime: FlowRuntime) async throws {
        guard let conversation = try await session.conversation(id: conversationID) else { return }
        let context: JSONValue = .object(["conversation": .object([
            "id": .string(conversation.id), "channel": .string(conversation.channel), "change": "reply", "external_id": .string(conversation.externalID),
            "contact_handle": .string(conversation.contactHandle), "account": .string(conversation.account), "message_sequence": .number(Double(sequence)),
        ])])
        _ = try await runtime.ingest(Event(source: "switchboard", type: "conversation.replied", externalID: "conversation:\(conversationID):reply:\(sequence)",
                                           context: context), in: session)
    }
}
