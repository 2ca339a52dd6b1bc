import Crypto
import Foundation

/// The account's webhooks in creation order, with their signing secrets.
final class WebhookRegistry: Sendable {
    private let webhooks = Locked<[WebhookRecord]>([])

    func all() -> [WebhookRecord] {
        webhooks.withLock { $0 }
    }

    func webhook(_ id: String) -> WebhookRecord? {
        webhooks.withLock { list in list.first { $0.id == id } }
    }

    /// Creates a webhook from a `{"webhook":{…}}` member; the id and secret are new.
    func create(_ object: JSONValue, actorID: Int64, now: Date) -> Result<WebhookRecord, MutationError> {
        let actor = String(actorID)
        let blank = WebhookRecord(
            id: ULID.make(at: now), name: "", description: nil, status: "active", subscriptions: [], endpoint: "",
            httpMethod: "POST", requestFormat: "json", authentication: nil, customHeaders: [:], createdAt: now,
            createdBy: actor, updatedAt: now, updatedBy: actor, signingSecret: WebhookRegistry.newSecret())
        return WebhookInput.apply(object, to: blank, isCreation: true).map { webhook in
            webhooks.withLock { $0.append(webhook) }
            return webhook
        }
    }

    /// Applies the members sent (`PUT` or `PATCH`).
    func update(_ id: String, _ object: JSONValue, actorID: Int64, now: Date) -> Result<WebhookRecord, MutationError> {
        webhooks.withLock { list in
            guard let position = list.firstIndex(where: { $0.id == id }) else { return .failure(.notFound) }
            return WebhookInput.apply(object, to: list[position], isCreation: false).map { changed in
                var webhook = changed
                webhook.updatedAt = now
                webhook.updatedBy = String(actorID)
                list[position] = webhook
                return webhook
            }
        }
    }

    /// Removes a webhook; `false` if there was none.
    func delete(_ id: String) -> Bool {
        webhooks.withLock { list in
            guard let position = list.firstIndex(where: { $0.id == id }) else { return false }
            list.remove(at: position)
            return true
        }
    }

    /// Replaces the signing secret and returns the new one.
    func rotateSecret(_ id: String) -> String? {
        webhooks.withLock { list in
            guard let position = list.firstIndex(where: { $0.id == id }) else { return nil }
            list[position].signingSecret = WebhookRegistry.newSecret()
            return list[position].signingSecret
        }
    }

    /// Base64 of 32 random bytes: 44 characters, like Zendesk's secrets.
    static func newSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }
}
