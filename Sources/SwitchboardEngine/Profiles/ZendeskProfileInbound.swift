import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Feeds Zendesk user changes into profiles (source `zendesk`), from the mirror.
///
/// It reads mirrored users in `(version, id)` order — the order the mirror writes them, since the incremental users
/// export is ordered by `updated_at` — from a cursor kept in `sync_cursors` (stream `profiles.users` of the
/// connection). The boundary version is read again each time, so a user changed twice within one second is not
/// missed; a version already fed is skipped. Each user version becomes one activity whose id is the user and its
/// `updated_at` (the same id `switchboard profiles rebuild` gives it, so the two never apply a version twice), whose
/// time is `updated_at`, and which carries only the fields that changed since the version fed before, with the
/// echoes of Switchboard's own pushes removed (``ZendeskEchoFilter``). A page's activities, the versions seen, the
/// settled pushes and the cursor commit together.
///
/// The node runs it every ``RuntimeConfiguration/profileSyncInterval`` (``ZendeskProfileSyncService``) and
/// `switchboard sync zendesk` after each pass.
public struct ZendeskProfileInbound: Sendable {
    public static let cursorStream = "profiles.users"

    public let store: Store
    public var batchSize: Int
    public let now: @Sendable () -> Int64

    public init(store: Store, batchSize: Int = 500, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.store = store
        self.batchSize = max(1, batchSize)
        self.now = now
    }

    /// What one feed of a connection did.
    public struct Report: Sendable, Equatable {
        public var connection: String
        /// User versions read (including ones already fed).
        public var users = 0
        /// Activities ingested.
        public var activities = 0
        /// Field changes the activities made to profiles.
        public var changes = 0
        /// Fields dropped as echoes of Switchboard's pushes.
        public var echoes = 0
    }

    /// Feed every user version of `connection` the mirror wrote since the last feed.
    @discardableResult
    public func feed(connection: String) async throws -> Report {
        var report = Report(connection: connection)
        let from = try await store.session { try await $0.cursor(connection: connection, stream: Self.cursorStream) }.flatMap { Self.version(from: $0.state) } ?? 0
        var after: (version: Int64, id: Int64)?
        while true {
            let page = try await store.session { [batchSize, after] in
                try await $0.zendeskUserVersions(connection: connection, from: from, after: after, limit: batchSize)
            }
            guard let last = page.last else { break }
            after = (last.version, last.id)
            let time = now()
            let pageReport = try await store.transaction { session in try await Self.ingest(page, connection: connection, now: time, in: session) }
            report.users += page.count
            report.activities += pageReport.activities
            report.changes += pageReport.changes
            report.echoes += pageReport.echoes
            if page.count < batchSize { break }
        }
        return report
    }

    /// Ingest one page of user versions in the caller's transaction and move the cursor past it.
    static func ingest(_ page: [ZendeskUserVersion], connection: String, now: Int64, in session: StoreSession) async throws -> Report {
        var report = Report(connection: connection)
        let ids = page.map(\.id)
        var seen = try await session.zendeskSeenVersions(connection: connection, userIDs: ids)
        var open = try await session.openZendeskPushes(connection: connection, userIDs: ids)
        var activities: [ProfileActivity] = []
        var seenUpdates: [(userID: Int64, version: Int64, fields: [ProfileField: String])] = []
        for user in page {
            let activityID = ProfileFeeders.activityID(prefix: "user", user.record)
            guard let full = try? ProfileActivity(source: .zendesk, activityID: activityID, identity: user.record.identity, occurredAt: user.record.changedAt,
                                                  values: user.record.values, lenient: true) else { continue }
            let previous = seen[user.id]
            if let previous, previous.version > user.version || (previous.version == user.version && previous.fields == full.fields) { continue }
            let changes = ZendeskEchoFilter.changes(previous: previous?.fields, current: full.fields)
            let pushes = open[user.id] ?? []
            let outcome = ZendeskEchoFilter.filter(changes: changes, version: user.version, pushes: pushes.map(\.push))
            if !outcome.settled.isEmpty {
                try await session.settleZendeskPushes(connection: connection, userID: user.id, outcome.settled, now: now)
                let settledFields = Set(outcome.settled.map(\.field))
                open[user.id] = pushes.filter { !settledFields.contains($0.push.field) }
            }
            report.echoes += outcome.echoed.count
            // Even an activity left empty by its echoes is ingested: it marks this version as applied (a rebuild
            // then skips it) and keeps the identity's last-seen time.
            activities.append(ProfileActivity(source: .zendesk, activityID: activityID, identity: full.identity, occurredAt: full.occurredAt, fields: outcome.kept))
            seen[user.id] = (user.version, full.fields)
            seenUpdates.append((user.id, user.version, full.fields))
        }
        for result in try await session.ingestProfileActivities(activities, now: now) where !result.duplicate {
            report.activities += 1
            report.changes += result.changes.count
        }
        try await session.saveZendeskSeenVersions(connection: connection, seenUpdates, now: now)
        if let last = page.last {
            try await session.saveCursor(connection: connection, stream: cursorStream, state: JSONValue.object(["version": .number(Double(last.version))]).jsonText,
                                         addRecords: Int64(activities.count), now: now)
        }
        return report
    }

    static func version(from state: String) -> Int64? {
        (try? JSONValue.parse(state.utf8))?["version"]?.int64Value
    }
}
