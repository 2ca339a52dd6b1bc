import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Turns profile changes made by sources other than Zendesk into `profile.changed` events (source `switchboard`),
/// one per Zendesk identity of the profile whose connection has profile sync on; the profile-zendesk-sync recipe's
/// flow then pushes them with `zendesk.update_user_from_profile` (retries, backoff, dead letters, replay).
///
/// It reads the profile history log by sequence from a cursor (`sync_cursors`, connection `profiles`, stream
/// `zendesk.outbound`) and writes the events and the new cursor in one transaction. Every ingest path — the feeders,
/// the admin API, the CLI — appends to the history in its own transaction, and history sequence numbers are handed
/// out under the profile ingest lock, so they become visible in order and the cursor never skips a change. An event's
/// external id names the profile, the user and the last history entry it covers, so relaying the same entries twice
/// (two nodes, a crash before the commit) starts one run.
///
/// Never relayed: changes whose source is `zendesk` (they came from the user being updated — pushing them back is
/// how echo loops start) and fields Zendesk users do not take (``ZendeskUserFields``).
public struct ProfileChangeRelay: Sendable {
    public static let cursorConnection = "profiles"
    public static let cursorStream = "zendesk.outbound"
    public static let eventType = "profile.changed"

    public let runtime: FlowRuntime
    public var batchSize: Int

    public init(runtime: FlowRuntime, batchSize: Int = 500) {
        self.runtime = runtime
        self.batchSize = max(1, batchSize)
    }

    /// Relay every history entry since the last call; returns how many events were new.
    @discardableResult
    public func relay(now: Date = Date()) async throws -> Int {
        var emitted = 0
        while true {
            let (count, read, runs) = try await runtime.store.transaction { [batchSize, runtime] session -> (Int, Int, Int) in
                let after = try await session.cursor(connection: Self.cursorConnection, stream: Self.cursorStream).flatMap { Int64($0.state) } ?? 0
                let entries = try await session.profileHistory(afterSeq: after, limit: batchSize)
                guard let last = entries.last else { return (0, 0, 0) }
                var count = 0, runs = 0
                for event in try await Self.events(for: entries, in: session, now: now) {
                    if case .accepted(_, let started) = try await runtime.ingest(event, in: session, now: now) {
                        count += 1
                        runs += started.count
                    }
                }
                try await session.saveCursor(connection: Self.cursorConnection, stream: Self.cursorStream, state: String(last.seq), addRecords: Int64(count),
                                             now: Int64(now.timeIntervalSince1970))
                return (count, entries.count, runs)
            }
            emitted += count
            if runs > 0 { runtime.signal?.notify() }
            if read < batchSize { return emitted }
        }
    }

    /// The events for a batch of history entries: changes grouped by (current) profile, one event per Zendesk identity.
    static func events(for entries: [ProfileHistoryEntry], in session: StoreSession, now: Date) async throws -> [Event] {
        struct Pending {
            var fields: Set<ProfileField> = []
            var sources: Set<String> = []
            var lastSeq: Int64 = 0
        }
        var byProfile: [String: Pending] = [:]
        for entry in entries where entry.change.source != .zendesk && ZendeskUserFields.isPushed(entry.change.field) {
            guard let profile = try await session.resolveProfileID(entry.profileID) else { continue }
            var pending = byProfile[profile] ?? Pending()
            pending.fields.insert(entry.change.field)
            pending.sources.insert(entry.change.source.rawValue)
            pending.lastSeq = max(pending.lastSeq, entry.seq)
            byProfile[profile] = pending
        }
        var switches: [String: Bool] = [:]
        var events: [Event] = []
        for (profile, pending) in byProfile.sorted(by: { $0.value.lastSeq < $1.value.lastSeq }) {
            for identity in try await session.zendeskIdentities(profileID: profile) {
                guard let (connection, userID) = Self.zendeskUser(identity) else { continue }
                if switches[connection] == nil { switches[connection] = try await ZendeskProfileSyncSwitch.isOn(connection: connection, in: session) ?? false }
                guard switches[connection] == true else { continue }
                let context: JSONValue = .object(["profile": .object([
                    "id": .string(profile), "fields": .array(pending.fields.sorted().map { .string($0.rawValue) }), "zendesk_user_id": .number(Double(userID)),
                    "connection": .string(connection), "sources": .array(pending.sources.sorted().map(JSONValue.string)),
                    "history_seq": .number(Double(pending.lastSeq)),
                ])])
                events.append(Event(source: "switchboard", type: eventType, externalID: "profile:\(profile):\(identity):\(pending.lastSeq)", connection: connection,
                                    occurredAt: now, context: context))
            }
        }
        return events
    }

    /// `connection:user id` → its parts (the connection name may itself contain `:`).
    static func zendeskUser(_ identity: String) -> (String, Int64)? {
        guard let colon = identity.lastIndex(of: ":"), let id = Int64(identity[identity.index(after: colon)...]) else { return nil }
        let connection = String(identity[..<colon])
        return connection.isEmpty ? nil : (connection, id)
    }
}
