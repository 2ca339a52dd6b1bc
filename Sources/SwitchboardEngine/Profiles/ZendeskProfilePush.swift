import ConnectorKit
import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore
import ZendeskKit

/// Writes a profile's current values of some fields to one of its Zendesk users, and records each value sent so the
/// mirror's copy of the change is recognised as an echo (``ZendeskEchoFilter``).
///
/// It pushes the value the profile holds *now* (a retry after a later change sends the later value), and only when
/// that value does not come from Zendesk itself, differs from what Switchboard last saw of the user, and was not
/// already sent and still awaiting its echo. The values are recorded as `sending` before the request — so an echo
/// that arrives before the answer is still recognised — and as `sent`, with the values and `updated_at` Zendesk
/// answered with, after it. A refused request (Zendesk answered with an error) removes the `sending` records.
public struct ZendeskProfilePush: Sendable {
    public let store: Store
    public let client: ZendeskClient
    public let now: @Sendable () -> Int64

    public init(store: Store, client: ZendeskClient, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.store = store
        self.client = client
        self.now = now
    }

    /// What one push did.
    public struct Outcome: Sendable, Equatable {
        public var userID: Int64
        public var pushed: [ProfileField] = []
        /// `field: why` for each field not sent.
        public var skipped: [String] = []
        /// Why nothing at all was sent, when nothing was.
        public var reason: String?
        public var userUpdatedAt: Int64?

        public var json: JSONValue {
            .object(["user_id": .number(Double(userID)), "pushed": .array(pushed.map { .string($0.rawValue) }), "skipped": .array(skipped.map(JSONValue.string)),
                     "reason": reason.map(JSONValue.string) ?? .null,
                     "updated_at": userUpdatedAt.map { .string(LenientDate.format(Date(timeIntervalSince1970: TimeInterval($0)))) } ?? .null])
        }
    }

    public func push(profileID: String, connection: String, userID: Int64, fields: [ProfileField]) async throws -> Outcome {
        let identity = "\(connection):\(userID)"
        let time = now()
        let (plan, planned) = try await store.transaction { session -> ([StoredZendeskPush]?, Outcome) in
            var outcome = Outcome(userID: userID)
            guard try await ZendeskProfileSyncSwitch.isOn(connection: connection, in: session) == true else {
                outcome.reason = "profile sync is off for connection \(connection) (or there is no such Zendesk connection)"
                return (nil, outcome)
            }
            guard let resolved = try await session.resolveProfileID(profileID), try await session.zendeskIdentities(profileID: resolved).contains(identity) else {
                outcome.reason = "zendesk:\(identity) is not an identity of profile \(profileID)"
                return (nil, outcome)
            }
            let state = try await session.profileFields(profileID: resolved)
            let seen = try await session.zendeskSeenVersions(connection: connection, userIDs: [userID])[userID]?.fields ?? [:]
            let open = try await session.openZendeskPushes(connection: connection, userIDs: [userID])[userID] ?? []
            var planned: [StoredZendeskPush] = []
            for field in Set(fields).sorted() {
                guard ZendeskUserFields.isPushed(field) else { outcome.skipped.append("\(field.rawValue): not a Zendesk user attribute"); continue }
                guard let current = state[field] else { outcome.skipped.append("\(field.rawValue): the profile has no value"); continue }
                if current.provenance.source == .zendesk { outcome.skipped.append("\(field.rawValue): the value comes from Zendesk"); continue }
                if seen[field] == current.value { outcome.skipped.append("\(field.rawValue): Zendesk already holds it"); continue }
                if open.contains(where: { $0.push.field == field && $0.push.state == .sent && ($0.push.value == current.value) }) {
                    outcome.skipped.append("\(field.rawValue): already sent, awaiting the mirror")
                    continue
                }
                planned.append(StoredZendeskPush(connection: connection, userID: userID, profileID: resolved, source: current.provenance.source,
                                                 activityID: current.provenance.activityID, push: ZendeskPush(field: field, value: current.value, pushedAt: time)))
            }
            if planned.isEmpty { outcome.reason = "nothing to send" }
            try await session.recordZendeskPushes(planned)
            return (planned, outcome)
        }
        var outcome = planned
        guard let plan, !plan.isEmpty else { return outcome }

        var body: [String: JSONValue] = [:]
        for stored in plan { if let attribute = ZendeskUserFields.attribute(stored.push.field) { body[attribute] = .string(stored.push.value) } }
        let user: ZendeskUser
        do {
            user = try await client.updateUser(id: userID, .object(body))
        } catch let error as ZendeskError {
            // Zendesk answered and refused: nothing was changed, so there is no echo to wait for.
            try? await store.session { session in
                for stored in plan { try await session.dropSendingZendeskPush(connection: connection, userID: userID, field: stored.push.field, pushedAt: time) }
            }
            throw error
        }
        let updatedAt = user.updatedAt.map { Int64($0.timeIntervalSince1970) }
        let answered = Self.values(of: user)
        let sent = plan.map { stored -> StoredZendeskPush in
            var stored = stored
            stored.push.state = .sent
            stored.push.userUpdatedAt = updatedAt
            stored.push.acceptedValue = answered[stored.push.field]
            return stored
        }
        try await store.session { try await $0.recordZendeskPushes(sent) }
        outcome.pushed = plan.map(\.push.field)
        outcome.userUpdatedAt = updatedAt
        return outcome
    }

    /// A user's pushed attributes as profile values (normalised; a value that cannot be one is left out).
    static func values(of user: ZendeskUser) -> [ProfileField: String] {
        var values: [ProfileField: String] = [:]
        for (field, raw) in [(ProfileField.name, user.name), (.phone, user.phone), (.locale, user.locale), (.timeZone, user.timeZone)] {
            if let raw, let value = try? field.normalize(raw) { values[field] = value }
        }
        return values
    }
}
