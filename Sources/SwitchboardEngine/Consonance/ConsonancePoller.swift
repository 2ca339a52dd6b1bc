import ConsonanceKit
import Foundation
import LooseJSON
import Logging
import SwitchboardCore
import SwitchboardStore

/// One poll of a Consonance tenant: walk the works changed since the last pass, compare each with the stored
/// snapshot and emit `consonance` events for real differences; refresh the watched contracts; then turn dates into
/// milestones, `milestone.due` / `milestone.overdue` / `contract.delivery_overdue` events and workflow exceptions.
///
/// Consonance has no webhooks, so this is how Switchboard learns anything happened there. Each page of works is
/// committed with its snapshot, its events and the poll position in one transaction: a poll killed at any moment
/// resumes where it stopped and never loses or repeats an event. Time-based events are keyed on the date they
/// are about, so however often polling runs they fire once.
public struct ConsonancePoller: Sendable {
    public static let source = "consonance"
    /// Overdue milestones older than this are history, not news: no `milestone.overdue` for them.
    public static let overdueHorizonDays = 30

    public let store: Store
    public let client: ConsonanceClient
    public let connection: String
    public let host: String
    public let settings: ConsonanceConnectionSettings
    public let runtime: FlowRuntime
    public let clock: @Sendable () -> Date
    public let logger: Logger

    public init(store: Store, client: ConsonanceClient, connection: String, host: String, settings: ConsonanceConnectionSettings, runtime: FlowRuntime,
                clock: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "switchboard.consonance")) {
        self.store = store
        self.client = client
        self.connection = connection
        self.host = host
        self.settings = settings
        self.runtime = runtime
        self.clock = clock
        self.logger = logger
    }

    /// Run one pass (or finish an interrupted one). `progress` is called after each committed page.
    public func poll(progress: @escaping @Sendable (ConsonancePollSummary) -> Void = { _ in }) async throws -> ConsonancePollSummary {
        let started = Date()
        let now = clock()
        let today = PublishingRules.isoDay(now)
        let connection = self.connection
        var state = ConsonancePollState.parse(try await store.session { try await $0.cursor(connection: connection, stream: ConsonancePollState.stream) }?.state)
        let resumed = state.after != nil && state.pass != nil
        if !resumed {
            state.pass = PublishingIDs.make("pass")
            state.passDay = today
            state.backfill = state.since == nil
        }
        var summary = ConsonancePollSummary(connection: connection, pass: state.pass ?? "?", backfill: state.backfill, resumed: resumed)
        let since = state.since.flatMap { CalendarDate(string: $0) }.map { $0.adding(days: -1) }
        let changes = CatalogueChanges(connection: connection, pass: state.pass ?? "?")

        for try await page in client.allWorks(changedSince: since, startingAfter: state.after) {
            var next = state
            next.after = page.lastID
            let rows = page.records.map { CatalogueSnapshot.rows(for: $0, connection: connection, host: host) }
            let (events, quarantined) = try await commitWorks(rows, rejected: page.rejected, changes: changes, state: next, now: now)
            state = next
            summary.pages += 1
            summary.works += rows.count
            summary.products += rows.reduce(0) { $0 + $1.products.count }
            summary.quarantined += quarantined
            count(events, into: &summary)
            progress(summary)
        }

        let contractEvents = try await refreshContracts(today: today, now: now, summary: &summary)
        count(contractEvents, into: &summary)
        count(try await watchDates(today: today, now: now), into: &summary)

        state.since = state.passDay ?? today
        state.after = nil
        state.backfill = false
        let finished = state
        try await store.session { try await $0.saveCursor(connection: connection, stream: ConsonancePollState.stream, state: finished.jsonText, addRecords: 0, now: Int64(now.timeIntervalSince1970)) }
        summary.seconds = Date().timeIntervalSince(started)
        logger.info("consonance poll finished", metadata: ["connection": "\(connection)", "works": "\(summary.works)", "events": "\(summary.events)"])
        return summary
    }

    private func count(_ events: [Event], into summary: inout ConsonancePollSummary) {
        summary.events += events.count
        for event in events { summary.eventTypes[event.type, default: 0] += 1 }
    }

    // MARK: Works

    /// Commit one page: snapshot, change events, rights exceptions, publication milestones, quarantine and the poll
    /// position, together. Works whose digest is unchanged (most of them: `changedSince` over-reports) are skipped
    /// after one cheap digest lookup. Returns the events that were new.
    private func commitWorks(_ rows: [CatalogueSnapshot.Rows], rejected: [ConsonancePage<ConsonanceWork>.Rejected], changes: CatalogueChanges,
                             state: ConsonancePollState, now: Date) async throws -> ([Event], Int) {
        let connection = self.connection, runtime = self.runtime
        let stamp = Int64(now.timeIntervalSince1970)
        let backfill = state.backfill
        return try await store.transaction { session in
            let stored = try await session.catalogueWorkDigests(connection: connection, ids: rows.map(\.work.id))
            let rows = rows.filter { stored[$0.work.id] != $0.work.digest }
            let ids = rows.map(\.work.id)
            let oldWorks = try await session.catalogueWorks(connection: connection, ids: ids)
            let oldProducts = Dictionary(grouping: try await session.catalogueProducts(connection: connection, workIDs: ids), by: \.workID)
            var events: [Event] = []
            if !backfill {
                for row in rows { events += changes.events(old: oldWorks[row.work.id], oldProducts: oldProducts[row.work.id] ?? [], new: row, at: now) }
            }
            try await session.saveCatalogue(connection: connection, works: rows.map(\.work), products: rows.flatMap(\.products),
                                            contributors: rows.flatMap(\.contributors), now: stamp)
            for row in rows {
                let work = CatalogueChanges.workContext(row.work, products: row.products)
                for product in row.products {
                    let key = "product:\(product.id):rights_conflict"
                    events += try await ExceptionEvents(connection: connection, pass: changes.pass).apply(
                        PublishingRules.rightsConflict(product, connection: connection), key: key, session: session, now: now,
                        context: ["work": work, "product": product.data])
                }
                if let milestone = PublishingRules.publicationMilestone(row.work, products: row.products, connection: connection, now: stamp) {
                    try await session.upsertMilestone(milestone)
                }
            }
            let quarantined = rejected.map { item in
                QuarantinedRecord(stream: "consonance.works", recordKey: item.id.map(String.init) ?? CatalogueSnapshot.digest(item.raw), reason: item.reason,
                                  payload: item.raw.jsonText, firstSeen: stamp, lastSeen: stamp)
            }
            try await session.quarantine(quarantined, connection: connection)
            var accepted: [Event] = []
            for event in events where try await runtime.ingest(event, in: session, now: now) != .duplicate { accepted.append(event) }
            try await session.saveCursor(connection: connection, stream: ConsonancePollState.stream, state: state.jsonText, addRecords: Int64(rows.count), now: stamp)
            return (accepted, quarantined.count)
        }
    }

    // MARK: Contracts

    /// Fetch every watched contract (and probe for new ones), store them, derive their milestones, and raise or clear
    /// delayed-delivery exceptions and `contract.delivery_overdue` events.
    private func refreshContracts(today: String, now: Date, summary: inout ConsonancePollSummary) async throws -> [Event] {
        let connection = self.connection
        let stored = try await store.session { try await $0.catalogueContracts(connection: connection) }.map { Int($0.id) }
        var ids = Set(settings.contractIDs).union(stored)
        var contracts = try await fetchContracts(ids.sorted())
        if settings.discoverContracts {
            var probe = (ids.max() ?? 0) + 1
            var misses = 0
            while misses < max(1, settings.contractProbeGap) {
                if let contract = try await client.contract(id: probe) {
                    contracts.append(contract)
                    ids.insert(probe)
                    misses = 0
                } else {
                    misses += 1
                }
                probe += 1
            }
        }
        summary.contracts = contracts.count
        var events: [Event] = []
        let rows = contracts.map { CatalogueSnapshot.contract($0, connection: connection) }
        let pass = summary.pass
        let stamp = Int64(now.timeIntervalSince1970)
        var chunkStart = 0
        repeat {
            let chunk = Array(rows[chunkStart..<min(chunkStart + 100, rows.count)])
            chunkStart += 100
            let chunkEvents = try await store.transaction { [runtime] session -> [Event] in
                try await session.saveContracts(connection: connection, chunk, now: stamp)
                let workIDs = chunk.compactMap(\.workID)
                let products = Dictionary(grouping: try await session.catalogueProducts(connection: connection, workIDs: workIDs), by: \.workID)
                var produced: [Event] = []
                for contract in chunk {
                    let isbn = contract.workID.flatMap { products[$0]?.compactMap(\.isbn13).first }
                    for milestone in PublishingRules.milestones(for: contract, connection: connection, isbn13: isbn, now: stamp) {
                        var stored = try await session.upsertMilestone(milestone)
                        if milestone.status == "done", stored.status != "done", let done = try await session.setMilestoneStatus(id: stored.id, done: true, now: stamp) {
                            stored = done
                        }
                    }
                    let contractContext = Self.contractContext(contract, today: today)
                    if let (due, _) = PublishingRules.deliveryOverdue(contract, today: today) {
                        produced.append(Event(source: Self.source, type: "contract.delivery_overdue", externalID: "\(connection):contract:\(contract.id):delivery_overdue:\(due)",
                                              connection: connection, occurredAt: now, context: .object(["contract": contractContext])))
                    }
                    let exception = PublishingRules.delayedDelivery(contract, today: today, connection: connection, isbn13: isbn)
                    produced += try await ExceptionEvents(connection: connection, pass: pass).apply(
                        exception, key: "contract:\(contract.id):delivery", session: session, now: now, context: ["contract": contractContext])
                }
                var accepted: [Event] = []
                for event in produced where try await runtime.ingest(event, in: session, now: now) != .duplicate { accepted.append(event) }
                return accepted
            }
            events += chunkEvents
        } while chunkStart < rows.count
        return events
    }

    /// Fetch contracts by id, several at a time (the client's own limit keeps Consonance's load gentle), in id order.
    private func fetchContracts(_ ids: [Int]) async throws -> [ConsonanceContract] {
        var result: [ConsonanceContract] = []
        var start = 0
        while start < ids.count {
            let batch = Array(ids[start..<min(start + 16, ids.count)])
            start += 16
            let fetched = try await withThrowingTaskGroup(of: ConsonanceContract?.self) { group in
                for id in batch { group.addTask { [client] in try await client.contract(id: id) } }
                var found: [ConsonanceContract] = []
                for try await contract in group { if let contract { found.append(contract) } }
                return found
            }
            result += fetched.sorted { $0.id < $1.id }
        }
        return result
    }

    static func contractContext(_ contract: CatalogueContract, today: String) -> JSONValue {
        let due = contract.data["revised_ms_delivery_date"]?.stringValue ?? contract.data["ms_delivery_date"]?.stringValue
        let overdue = PublishingRules.deliveryOverdue(contract, today: today)
        return .object(["id": .number(Double(contract.id)), "name": .string(contract.name), "work_id": contract.workID.map { .number(Double($0)) } ?? .null,
                        "delivery_due": due.map(JSONValue.string) ?? .null, "days_overdue": overdue.map { .number(Double($0.daysLate)) } ?? .null,
                        "client": contract.data["client"] ?? .null, "work_title": contract.data["work_title"] ?? .null])
    }

    // MARK: Dates

    /// `milestone.due` and `milestone.overdue` for open milestones; publication milestones complete themselves once
    /// their day has come; missed approvals are raised and cleared.
    private func watchDates(today: String, now: Date) async throws -> [Event] {
        let connection = self.connection, runtime = self.runtime, settings = self.settings
        let stamp = Int64(now.timeIntervalSince1970)
        let horizon = PublishingRules.isoDay(now.addingTimeInterval(Double(settings.dueWithinDays) * 86_400))
        let oldest = PublishingRules.isoDay(now.addingTimeInterval(-Double(Self.overdueHorizonDays) * 86_400))
        let pass = ConsonancePollState.parse(try await store.session { try await $0.cursor(connection: connection, stream: ConsonancePollState.stream) }?.state).pass ?? "?"
        return try await store.transaction { session in
            var produced: [Event] = []
            try await session.completeMilestones(kind: "publication", dueBy: today, now: stamp)
            for milestone in try await session.milestones(openOnly: true, dueFrom: oldest, dueBy: horizon, limit: 100_000) {
                let days = PublishingRules.days(from: today, to: milestone.dueOn)
                let context = Self.milestoneContext(milestone, days: days)
                if milestone.dueOn >= today {
                    produced.append(Event(source: Self.source, type: "milestone.due", externalID: "\(connection):milestone:\(milestone.id):due:\(milestone.dueOn)",
                                          connection: connection, occurredAt: now, context: .object(["milestone": context])))
                } else if milestone.dueOn >= oldest {
                    produced.append(Event(source: Self.source, type: "milestone.overdue", externalID: "\(connection):milestone:\(milestone.id):overdue:\(milestone.dueOn)",
                                          connection: connection, occurredAt: now, context: .object(["milestone": context])))
                }
            }
            var approvals: [PublishingException] = []
            for milestone in try await session.milestones(openOnly: true, kind: "approval", dueBy: today, limit: 100_000) {
                if let exception = PublishingRules.missedApproval(milestone, today: today, connection: connection) { approvals.append(exception) }
            }
            for review in try await session.rightsReviews(status: "requested", limit: 100_000) {
                if let exception = PublishingRules.missedApproval(review, now: stamp, days: settings.approvalDays, connection: connection) { approvals.append(exception) }
            }
            let exceptions = ExceptionEvents(connection: connection, pass: pass)
            for exception in approvals { produced += try await exceptions.apply(exception, key: exception.key, session: session, now: now, context: [:]) }
            let currentKeys = Set(approvals.map(\.key))
            for open in try await session.openExceptions(connection: connection) where open.kind == "missed_approval" && !currentKeys.contains(open.key) {
                produced += try await exceptions.apply(nil, key: open.key, session: session, now: now, context: [:])
            }
            var accepted: [Event] = []
            for event in produced where try await runtime.ingest(event, in: session, now: now) != .duplicate { accepted.append(event) }
            return accepted
        }
    }

    static func milestoneContext(_ milestone: PublishingMilestone, days: Int) -> JSONValue {
        .object(["id": .string(milestone.id), "name": .string(milestone.name), "kind": .string(milestone.kind), "due_on": .string(milestone.dueOn),
                 "days": .number(Double(days)), "owner": milestone.owner.map(JSONValue.string) ?? .null,
                 "work_id": milestone.workID.map { .number(Double($0)) } ?? .null, "isbn13": milestone.isbn13.map(JSONValue.string) ?? .null,
                 "title": milestone.title.map(JSONValue.string) ?? .null])
    }
}
