import ConnectorKit
import Foundation
import Logging
import Synchronization
import SwitchboardStore
import ZendeskKit

/// One pass of the read-only Zendesk mirror: organizations, users, tickets and (optionally) comments.
///
/// Each stream resumes from its stored state, pulls pages from the incremental exports until
/// `end_of_stream`, and commits every page's records together with the new state in one transaction, so a
/// process killed at any moment resumes exactly where it stopped. The next page is fetched while the
/// current one is written. After the streams, organizations are matched to customers.
public struct ZendeskMirrorSync: Sendable {
    /// Choices for one pass.
    public struct Options: Sendable {
        public var includeComments: Bool
        /// Ignore stored positions and read everything again from `backfillStart` (existing rows are updated, not duplicated).
        public var full: Bool
        public var pageSize: Int
        /// Unix time the first import starts from; 0 imports the full history.
        public var backfillStart: Int64
        public var matchCustomers: Bool

        public init(includeComments: Bool = true, full: Bool = false, pageSize: Int = 1000, backfillStart: Int64 = 0, matchCustomers: Bool = true) {
            self.includeComments = includeComments
            self.full = full
            self.pageSize = min(max(pageSize, 1), 1000)
            self.backfillStart = backfillStart
            self.matchCustomers = matchCustomers
        }
    }

    public let store: Store
    public let client: ZendeskClient
    public let connection: String
    public let options: Options
    /// When set, incremental passes turn what they write into `zendesk.mirror` events for flows.
    public let changeEvents: MirrorChangeEvents?
    private let onEvent: @Sendable (MirrorSyncEvent) -> Void
    private let retries: RetryCounter
    private let logger: Logger

    public init(store: Store, configuration: ZendeskConfiguration, transport: any HTTPTransport, connection: String, options: Options = Options(),
                changeEvents: MirrorChangeEvents? = nil, logger: Logger = Logger(label: "switchboard.sync"), onEvent: @escaping @Sendable (MirrorSyncEvent) -> Void = { _ in }) {
        let retries = RetryCounter()
        self.store = store
        self.connection = connection
        self.options = options
        self.changeEvents = changeEvents
        self.onEvent = onEvent
        self.retries = retries
        self.logger = logger
        self.client = ZendeskClient(configuration: configuration, transport: transport, logger: logger) { event in
            if case .retrying(let request, let attempt, _, let reason) = event {
                retries.increment()
                onEvent(.retrying(request: request, attempt: attempt, reason: reason))
            }
        }
    }

    /// Run one pass and return its summary. Throws when a remote call keeps failing after its retries;
    /// everything committed before the failure stays, and the next pass resumes from there.
    public func run(now: @escaping @Sendable () -> Date = Date.init) async throws -> MirrorSyncSummary {
        let started = Date()
        let clock = ContinuousClock.now
        let runID = UUID().uuidString.lowercased()
        for budget in [client.accountBudget, client.exportBudget] {
            let onEvent = self.onEvent
            await budget.onPause { onEvent(.rateLimitPause($0)) }
        }
        try await store.session { try await $0.startSyncRun(id: runID, connection: connection, now: Int64(started.timeIntervalSince1970)) }
        do {
            var streams: [StreamSummary] = []
            for stream in MirrorStream.syncOrder where stream != .comments || options.includeComments {
                streams.append(try await sync(stream, now: now))
            }
            let customers = options.matchCustomers ? try await CustomerMatching(store: store, connection: connection).apply(now: Int64(now().timeIntervalSince1970)) : nil
            let stats = try await store.session { [connection] in try await $0.mirrorStats(connection: connection) }
            var rateLimits: [String: RateLimitSummary] = [:]
            for budget in [client.accountBudget, client.exportBudget] {
                let stats = await budget.stats
                rateLimits[budget.name] = RateLimitSummary(pauses: stats.pauses, pausedSeconds: stats.pausedSeconds, rateLimitedResponses: stats.rateLimitedResponses, requests: stats.requests)
            }
            let summary = MirrorSyncSummary(
                connection: connection, startedAt: LenientDate.format(started), seconds: (ContinuousClock.now - clock).seconds, streams: streams,
                quarantined: streams.reduce(0) { $0 + $1.quarantined }, retries: retries.value, rateLimits: rateLimits, customers: customers, mirror: stats)
            let summaryText = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
            try await store.session { try await $0.finishSyncRun(id: runID, outcome: "succeeded", summary: summaryText, now: Int64(Date().timeIntervalSince1970)) }
            return summary
        } catch {
            let message = String(describing: error)
            try? await store.session { try await $0.finishSyncRun(id: runID, outcome: "failed", summary: message, now: Int64(Date().timeIntervalSince1970)) }
            throw error
        }
    }

    private func sync(_ stream: MirrorStream, now: @escaping @Sendable () -> Date) async throws -> StreamSummary {
        let streamStarted = ContinuousClock.now
        let stored = try await store.session { [connection] in try await $0.cursor(connection: connection, stream: stream.rawValue) }
        var state = ExportStreamState()
        if !options.full, let stored { state = try ExportStreamState.decode(stored.state) }
        let mode: SyncMode = state.backfillComplete == true ? .incremental : .backfill
        onEvent(.streamStarted(stream, mode))

        var quarantinedKeys = try await store.session { [connection] in
            Set(try await $0.quarantined(connection: connection).filter { $0.stream == stream.rawValue }.map(\.recordKey))
        }
        let fetcher = MirrorPageFetcher(client: client, pageSize: options.pageSize, backfillStart: options.backfillStart)
        var summary = StreamSummary(stream: stream, mode: mode, records: 0, inserted: 0, updated: 0, unchanged: 0, pages: 0, quarantined: 0, seconds: 0)
        let estimate = try await progressEstimate(stream, mode: mode, now: now())
        var timeProgress = TimeProgress(target: estimate.timeTarget)
        var pending: Task<StreamPage, any Error>? = Self.prefetch(fetcher, stream, after: state, now: now)
        defer { pending?.cancel() }
        while let task = pending {
            let page = try await task.value
            let nextState = page.nextState
            pending = page.endOfStream ? nil : Self.prefetch(fetcher, stream, after: nextState, now: now)

            let written = Int64(now().timeIntervalSince1970)
            let release = page.batch.keys.filter { quarantinedKeys.contains($0) }
            let changeEvents = mode == .incremental ? self.changeEvents : nil
            let outcome = try await store.transaction { [connection] session in
                let outcome: UpsertOutcome
                switch page.batch {
                case .tickets(let rows): outcome = try await session.upsertTickets(rows, connection: connection, now: written)
                case .users(let rows): outcome = try await session.upsertUsers(rows, connection: connection, now: written)
                case .organizations(let rows): outcome = try await session.upsertOrganizations(rows, connection: connection, now: written)
                case .comments(let rows): outcome = try await session.upsertComments(rows, connection: connection, now: written)
                }
                try await session.quarantine(page.quarantined, connection: connection)
                if !release.isEmpty { try await session.releaseFromQuarantine(stream: stream.rawValue, keys: release, connection: connection) }
                try await session.saveCursor(connection: connection, stream: stream.rawValue, state: page.nextState.jsonText, addRecords: Int64(outcome.written), now: written)
                if let changeEvents { _ = try await changeEvents.ingest(page.batch, outcome: outcome, connection: connection, in: session) }
                return outcome
            }
            quarantinedKeys.subtract(release)
            quarantinedKeys.formUnion(page.quarantined.map(\.recordKey))
            state = page.nextState
            summary.pages += 1
            summary.records += page.received
            summary.inserted += outcome.inserted.count
            summary.updated += outcome.updated.count
            summary.unchanged += outcome.unchanged
            summary.quarantined += page.quarantined.count
            if !page.quarantined.isEmpty {
                logger.warning("quarantined undecodable records", metadata: ["stream": "\(stream.rawValue)", "count": "\(page.quarantined.count)", "first": "\(page.quarantined[0].reason)"])
            }
            let elapsed = (ContinuousClock.now - streamStarted).seconds
            let fraction = page.endOfStream ? 1 : estimate.total.map { min(0.99, Double(summary.records) / Double(max($0, 1))) }
                ?? timeProgress.fraction(newest: page.newestTimestamp, oldest: page.oldestTimestamp)
            onEvent(.pageIngested(stream, StreamProgress(records: summary.records, pages: summary.pages, quarantined: summary.quarantined, elapsedSeconds: elapsed, fraction: fraction)))
        }
        summary.seconds = (ContinuousClock.now - streamStarted).seconds
        onEvent(.streamFinished(stream, summary))
        return summary
    }

    /// How to tell how far a stream has got: a record count for backfills of streams that have one (one cheap
    /// request), otherwise position in time — up to now, or for comments up to the newest mirrored ticket change.
    private func progressEstimate(_ stream: MirrorStream, mode: SyncMode, now: Date) async throws -> (total: Int?, timeTarget: Date) {
        var total: Int?
        if mode == .backfill, let collection = stream.countCollection {
            total = try? await client.count(of: collection)
        }
        var target = now
        if stream == .comments, let newest = try await store.session({ [connection] in try await $0.newestTicketVersion(connection: connection) }) {
            target = Date(timeIntervalSince1970: TimeInterval(newest))
        }
        return (total, target)
    }

    /// Start fetching a page in the background, so the network and the database work at the same time.
    private static func prefetch(_ fetcher: MirrorPageFetcher, _ stream: MirrorStream, after state: ExportStreamState, now: @escaping @Sendable () -> Date) -> Task<StreamPage, any Error> {
        Task { try await fetcher.fetch(stream, after: state, now: Int64(now().timeIntervalSince1970)) }
    }
}

/// A thread-safe counter for events reported from concurrent callbacks.
final class RetryCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
