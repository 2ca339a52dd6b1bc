import Foundation

/// A webhook as the Webhooks API holds it (reference §8.1), including the signing secret it never echoes.
struct WebhookRecord: Sendable, Equatable {
    static let conditionalSubscription = "conditional_ticket_events"
    static let eventTypePrefix = "zen:event-type:"

    /// A 26-character ULID.
    var id: String
    var name: String
    var description: String?
    /// `active` or `inactive`.
    var status: String
    /// `["conditional_ticket_events"]` or event types such as `zen:event-type:ticket.created`.
    var subscriptions: [String]
    var endpoint: String
    var httpMethod: String
    /// `json`, `xml` or `form_encoded`.
    var requestFormat: String
    var authentication: WebhookAuthentication?
    var customHeaders: [String: String]
    var createdAt: Date
    var createdBy: String
    var updatedAt: Date
    var updatedBy: String
    /// 44 characters of base64; used verbatim as the HMAC key.
    var signingSecret: String

    var isActive: Bool { status == "active" }

    /// Fired by triggers rather than by events.
    var isConditional: Bool { subscriptions == [WebhookRecord.conditionalSubscription] }

    func subscribes(to eventType: String) -> Bool {
        isActive && subscriptions.contains(eventType)
    }

    /// `Content-Type` of requests in the webhook's format.
    var contentType: String {
        switch requestFormat {
        case "xml": return "application/xml; charset=utf-8"
        case "form_encoded": return "application/x-www-form-urlencoded"
        default: return "application/json; charset=utf-8"
        }
    }
}

/// How the sandbox authenticates to a webhook's endpoint: `basic_auth` (`username`, `password`), `bearer_token`
/// (`token`) or `api_key` (`name`, `value`), always added as a header.
struct WebhookAuthentication: Sendable, Equatable {
    static let types = ["basic_auth", "bearer_token", "api_key"]

    var type: String
    var addPosition: String
    var data: [String: String]

    /// The header that carries the credentials, if the data is complete.
    var header: (name: String, value: String)? {
        switch type {
        case "basic_auth":
            guard let user = data["username"], let password = data["password"] else { return nil }
            return ("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        case "bearer_token":
            return data["token"].map { ("Authorization", "Bearer " + $0) }
        case "api_key":
            guard let name = data["name"], let value = data["value"] else { return nil }
            return (name, value)
        default:
            return nil
        }
    }
}

extension WebhookRecord {
    /// The webhook object, secrets left out (only a basic-auth `username` is echoed).
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("name", name)
        writer.field("description", description)
        writer.field("status", status)
        writer.field("subscriptions", strings: subscriptions)
        writer.field("endpoint", endpoint)
        writer.field("http_method", httpMethod)
        writer.field("request_format", requestFormat)
        if let authentication {
            writer.objectField("authentication") { object in
                object.field("type", authentication.type)
                object.field("add_position", authentication.addPosition)
                if let username = authentication.data["username"] {
                    object.objectField("data") { data in data.field("username", username) }
                }
            }
        }
        writer.key("custom_headers")
        JSONValue.object(customHeaders.mapValues(JSONValue.string)).write(to: &writer)
        writer.field("created_at", UTCTimestamp.fractionalString(createdAt))
        writer.field("created_by", createdBy)
        writer.field("updated_at", UTCTimestamp.fractionalString(updatedAt))
        writer.field("updated_by", updatedBy)
        writer.endObject()
    }
}
