import ConnectorKit
import Foundation

/// A webhook registered in Zendesk (Webhooks API, reference §8.1).
public struct ZendeskWebhook: Decodable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var endpoint: String?
    public var status: String?
    public var subscriptions: [String]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        guard let id = c.lenientString(AnyKey("id")) else {
            throw DecodingError.keyNotFound(AnyKey("id"), .init(codingPath: [], debugDescription: "webhook without id"))
        }
        self.id = id
        name = c.lenientString(AnyKey("name"))
        endpoint = c.lenientString(AnyKey("endpoint"))
        status = c.lenientString(AnyKey("status"))
        subscriptions = c.lenientStrings(AnyKey("subscriptions"))
    }
}

/// Creating and inspecting webhooks, so Switchboard can own its trigger plumbing.
extension ZendeskClient {
    public func webhooks() async throws -> [ZendeskWebhook] {
        try await get("webhooks", query: [("page[size]", "100")], as: WebhookList.self).webhooks
    }

    public func createWebhook(name: String, endpoint: String, subscriptions: [String]) async throws -> ZendeskWebhook {
        let body: JSONValue = .object(["webhook": .object([
            "name": .string(name), "endpoint": .string(endpoint), "http_method": .string("POST"), "request_format": .string("json"),
            "status": .string("active"), "subscriptions": .array(subscriptions.map(JSONValue.string)),
        ])])
        return try await send(.post, "webhooks", body: body, as: WebhookEnvelope.self).webhook
    }

    public func deleteWebhook(id: String) async throws {
        try await exchange(.delete, "webhooks/\(id)", query: [], body: Optional<JSONValue>.none, headers: [], budget: .account) { _ in () }
    }

    /// The secret Zendesk signs this webhook's deliveries with.
    public func webhookSigningSecret(id: String) async throws -> String {
        try await get("webhooks/\(id)/signing_secret", as: SigningSecretEnvelope.self).secret
    }
}

struct WebhookList: Decodable, Sendable { var webhooks: [ZendeskWebhook] }
struct WebhookEnvelope: Decodable, Sendable { var webhook: ZendeskWebhook }

struct SigningSecretEnvelope: Decodable, Sendable {
    var secret: String
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let inner = try c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("signing_secret"))
        secret = try inner.decode(String.self, forKey: AnyKey("secret"))
    }
}
