import Foundation
import LooseJSON
import Sandbox
import SQLKit
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// SIGKILL during Consonance polling: every page commits its snapshot, events and poll position together, so however
/// often `switchboard sync consonance` is killed mid-walk, running it again until it completes ends with exactly the
/// events and snapshot of a poll that was never interrupted — none lost, none repeated.
@Suite struct ConsonanceKillResumeTests {
    static let works = 60

    /// The sandbox both sides poll: the same seed, size, date and faults. Slow answers and small pages leave time to
    /// kill a poll in the middle of its walk.
    static func configuration(today: SandboxDate) -> ConsonanceSandboxConfiguration {
        ConsonanceSandboxConfiguration(seed: 21, workCount: works, pageSize: 4, today: today,
                                       faults: FaultMix(slowResponse: 0.2, slowDelay: .milliseconds(100)), faultSeed: 5)
    }

    @Test func pollsKilledAtRandomMomentsEndWithTheControlRunsEventsAndSnapshot() async throws {
        let today = SandboxDate.today()
        let killed = try PollHome(), control = try PollHome()
        defer {
            killed.remove()
            control.remove()
        }
        // The snapshot stores links into Consonance (its address is part of each work's digest), so the two identical
        // sandboxes are served one after the other on the same address.
        let port = try await Self.withSandbox(Self.configuration(today: today), port: 0) { sandbox, baseURL, port in
            try await control.connect(baseURL)
            let imported = try await control.sync()
            #expect(imported["backfill"] as? Bool == true)
            #expect(imported["works"] as? Int == Self.works)
            try Self.change(sandbox)
            let polled = try await control.sync()
            #expect(polled["backfill"] as? Bool == false)
            #expect((polled["works"] as? Int ?? 0) >= Self.works / 2, "\(polled)")
            return port
        }
        var generator = SystemRandomNumberGenerator()
        try await Self.withSandbox(Self.configuration(today: today), port: port) { sandbox, baseURL, _ in
            try await killed.connect(baseURL)
            // First poll: the import of the whole catalogue, killed a few times.
            let firstPass = try await killed.killRepeatedly(progress: "importing Consonance:", kills: 2, using: &generator)
            #expect(firstPass.midWalk >= 1, "no kill interrupted the import mid-walk: \(firstPass)")
            #expect(firstPass.final.stdout.contains("Imported "), "\(firstPass.final.stdout)")
            if firstPass.lastLeftAPosition { #expect(firstPass.final.stdout.contains("(resumed an interrupted poll)"), "\(firstPass.final.stdout)") }

            // The same changes, then a later poll with most of the catalogue to walk again, killed a few times.
            try Self.change(sandbox)
            let secondPass = try await killed.killRepeatedly(progress: "polling Consonance:", kills: 2, using: &generator)
            #expect(secondPass.midWalk >= 1, "no kill interrupted the later poll mid-walk: \(secondPass)")
            #expect(secondPass.final.stdout.hasPrefix("Polled "), "\(secondPass.final.stdout)")
            if secondPass.lastLeftAPosition { #expect(secondPass.final.stdout.contains("(resumed an interrupted poll)"), "\(secondPass.final.stdout)") }
            let quiet = try await killed.sync()
            #expect(quiet["events"] as? Int == 0, "\(quiet)")
        }

        // The control saw every kind of change, once per changed record.
        let expected = try await control.events()
        let types = Dictionary(grouping: expected, by: \.type).mapValues(\.count)
        for type in ["work.stage_changed", "product.pub_date_changed", "product.status_changed", "rights.changed", "exception.raised", "exception.cleared"] {
            #expect((types[type] ?? 0) > 0, "the control run has no \(type): \(types)")
        }
        #expect(types["work.stage_changed"] == Self.works / 2, "\(types)")
        #expect(types["rights.changed"] == 3, "\(types)")

        // No event lost and none duplicated.
        let actual = try await killed.events()
        let missing = Self.subtract(expected, actual), extra = Self.subtract(actual, expected)
        #expect(missing.isEmpty, "events lost by the killed polls: \(missing.prefix(20))")
        #expect(extra.isEmpty, "events the killed polls emitted that the control did not (duplicates?): \(extra.prefix(20))")
        #expect(actual.count == expected.count)

        // The same snapshot, row for row.
        for table in ["cn_works", "cn_products", "cn_contracts"] {
            let controlRows = try await control.digests(table), killedRows = try await killed.digests(table)
            #expect(!controlRows.isEmpty)
            #expect(killedRows == controlRows, "\(table) differs: \(Self.subtract(controlRows, killedRows).prefix(5)) / \(Self.subtract(killedRows, controlRows).prefix(5))")
        }
        #expect(try await killed.milestones() == control.milestones())
        #expect(try await killed.exceptions() == control.exceptions())
    }

    /// Serve a fresh sandbox on `port` (0: any free port) for the length of `body`.
    static func withSandbox<T>(_ configuration: ConsonanceSandboxConfiguration, port: Int,
                               _ body: (ConsonanceSandbox, String, Int) async throws -> T) async throws -> T {
        let sandbox = ConsonanceSandbox(configuration: configuration)
        let bound = try await sandbox.start(port: port)
        do {
            let result = try await body(sandbox, "http://127.0.0.1:\(bound)", bound)
            await sandbox.stop()
            return result
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    /// Changes "inside Consonance" that every kind of change event follows from: stages, publication dates, statuses,
    /// sales rights (three of them conflicting) and delivered manuscripts.
    static func change(_ sandbox: ConsonanceSandbox) throws {
        for work in sandbox.works() where work.id % 2 == 0 {
            try sandbox.setProjectStage(workID: work.id, work.projectStage == "Published" ? "Printing" : "Published")
        }
        let products = sandbox.products()
        for product in products where product.id % 7 == 0 {
            if let date = product.publicationDate { try sandbox.setPublicationDate(productID: product.id, date.adding(days: 30)) }
        }
        for product in products where product.id % 11 == 0 {
            try sandbox.setPublishingStatus(productID: product.id, product.publishingStatus == "04" ? "07" : "04")
        }
        for product in products.filter({ $0.id % 13 == 0 }).prefix(3) {
            try sandbox.setSalesRights(productID: product.id, forSale: ["GB", "US"], notForSale: ["US"], worldwide: false)
        }
        // Overdue manuscripts arrive (their delayed-delivery exceptions clear), and a few that were not yet due.
        let today = sandbox.today
        let undelivered = sandbox.contracts().filter { $0.dates.actualMsDeliveryDate == nil }
        let overdue = undelivered.filter { ($0.dates.revisedMsDeliveryDate ?? $0.dates.msDeliveryDate).map { $0 < today } ?? false }
        for contract in overdue + undelivered.filter({ !overdue.contains($0) }).prefix(3) {
            try sandbox.markDelivered(contractID: contract.id)
        }
    }

    /// The multiset difference `left - right`.
    static func subtract<T: Hashable>(_ left: [T], _ right: [T]) -> [T] {
        var remaining = Dictionary(right.map { ($0, 1) }, uniquingKeysWith: +)
        var result: [T] = []
        for item in left {
            if let count = remaining[item], count > 0 { remaining[item] = count - 1 } else { result.append(item) }
        }
        return result
    }
}

/// A `(type, external id)` pair of a `consonance` event, comparable across databases.
private struct EventKey: Hashable, CustomStringConvertible {
    var type: String
    var externalID: String
    var description: String { "\(type) \(externalID)" }
}

/// What one series of killed polls did.
private struct KillReport: CustomStringConvertible {
    var kills = 0
    /// Kills after which the stored poll position pointed inside the walk (`after` set).
    var midWalk = 0
    /// Kills that stopped the process before it printed its summary.
    var beforeSummary = 0
    /// The last kill left a position to resume from.
    var lastLeftAPosition = false
    var final = CLIProcess.Result(status: -1, stdout: "", stderr: "")
    var description: String { "\(kills) kills, \(midWalk) mid-walk, \(beforeSummary) before the summary" }
}

/// A `SWITCHBOARD_HOME` with its own database, polled by `switchboard sync consonance` child processes.
private struct PollHome {
    let directory: TemporaryDirectory
    var database: String { directory.file("switchboard.db") }
    var cli: CLIProcess { CLIProcess(home: directory.path) }

    init() throws {
        directory = try TemporaryDirectory()
    }

    func remove() { directory.remove() }

    func connect(_ baseURL: String) async throws {
        let result = try await cli.run(["connect", "consonance", "--url", baseURL, "--key", ConsonanceSandboxConfiguration.defaultAPIKey, "--contract-probe-gap", "3", "--db", database],
                                       timeout: .seconds(300))
        guard result.succeeded else { throw FixtureError.failed("connect consonance", result.stderr) }
    }

    /// One complete poll; its JSON summary.
    func sync() async throws -> [String: Any] {
        let result = try await cli.run(["sync", "consonance", "--json", "--db", database], timeout: .seconds(300))
        guard result.succeeded, let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw FixtureError.failed("sync consonance", result.stderr + result.stdout)
        }
        return summary
    }

    /// Start a poll, wait until it has committed a page (its progress line), kill it with SIGKILL a random moment
    /// later; `kills` times (fewer if a poll finishes first); then run it to completion.
    func killRepeatedly(progress marker: String, kills: Int, using generator: inout SystemRandomNumberGenerator) async throws -> KillReport {
        var report = KillReport()
        for _ in 0..<kills {
            let running = try cli.start(["sync", "consonance", "--db", database])
            let deadline = ContinuousClock.now + .seconds(30)
            while !running.stderr.contains(marker), !running.stdout.contains(" works, "), !running.stderr.contains("error:") {
                guard ContinuousClock.now < deadline else {
                    running.kill()
                    throw CLITestError.timedOut(stdout: running.stdout, stderr: running.stderr)
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: .milliseconds(Int64.random(in: 0...150, using: &generator)))
            running.kill()
            let result = try await running.wait(timeout: .seconds(30))
            if result.stderr.contains("error:") { throw FixtureError.failed("sync consonance", result.stderr) }
            if result.succeeded, result.stdout.contains(" works, ") { break }  // finished before the kill
            report.kills += 1
            if !result.stdout.contains(" works, ") { report.beforeSummary += 1 }
            let position = try await pollPosition()
            report.lastLeftAPosition = position != nil
            if position != nil { report.midWalk += 1 }
        }
        report.final = try await cli.run(["sync", "consonance", "--db", database], timeout: .seconds(300))
        guard report.final.succeeded else { throw FixtureError.failed("sync consonance after the kills", report.final.stderr) }
        #expect(try await pollPosition() == nil, "a completed poll leaves no position inside a walk")
        return report
    }

    func withStore<T: Sendable>(_ body: (Store) async throws -> T) async throws -> T {
        try await Store.using(.sqlite(path: database), body)
    }

    /// The work id the interrupted poll had committed up to (`after` in the cursor's state), if any.
    func pollPosition() async throws -> Int? {
        let state = try await withStore { store in
            try await store.session { session -> String? in
                try await session.rows("SELECT state FROM sync_cursors WHERE connection = 'consonance' AND stream = 'works'").first
                    .map { try $0.decode(column: "state", as: String.self) }
            }
        }
        guard let state, let object = try JSONSerialization.jsonObject(with: Data(state.utf8)) as? [String: Any] else { return nil }
        return object["after"] as? Int
    }

    /// Every `consonance` event as `(type, external id)`, with the pass suffix (`@pass_…`) removed and milestone ids
    /// (random per database) replaced by the milestone's origin key.
    func events() async throws -> [EventKey] {
        let (events, milestones) = try await withStore { store in
            try await store.session { session -> ([EventKey], [String: String]) in
                let events = try await session.rows("SELECT type, external_id FROM events WHERE source = 'consonance'").map {
                    EventKey(type: try $0.decode(column: "type", as: String.self), externalID: try $0.decode(column: "external_id", as: String.self))
                }
                var milestones: [String: String] = [:]
                for row in try await session.rows("SELECT id, origin_key FROM pub_milestones WHERE origin_key IS NOT NULL") {
                    milestones[try row.decode(column: "id", as: String.self)] = try row.decode(column: "origin_key", as: String.self)
                }
                return (events, milestones)
            }
        }
        return events.map { event in
            var id = event.externalID
            if let suffix = id.range(of: "@pass", options: .backwards) { id = String(id[..<suffix.lowerBound]) }
            if let match = id.firstMatch(of: /:milestone:(mst_[0-9a-f]+):/), let origin = milestones[String(match.1)] {
                id.replaceSubrange(match.range, with: ":milestone:<\(origin)>:")
            }
            return EventKey(type: event.type, externalID: id)
        }
    }

    /// `id digest` of every row of a snapshot table, by id.
    func digests(_ table: String) async throws -> [String] {
        try await withStore { store in
            try await store.session { session in
                try await session.rows("SELECT id, digest FROM \(unsafeRaw: table) ORDER BY id").map {
                    "\(try $0.decode(column: "id", as: Int64.self)) \(try $0.decode(column: "digest", as: String.self))"
                }
            }
        }
    }

    /// Consonance-derived milestones: origin, due date and status.
    func milestones() async throws -> [String] {
        try await withStore { store in
            try await store.session { session in
                try await session.rows("SELECT origin_key, due_on, status FROM pub_milestones WHERE origin_key IS NOT NULL ORDER BY origin_key").map {
                    "\(try $0.decode(column: "origin_key", as: String.self)) \(try $0.decode(column: "due_on", as: String.self)) \(try $0.decode(column: "status", as: String.self))"
                }
            }
        }
    }

    /// Exceptions: key, status and occurrence.
    func exceptions() async throws -> [String] {
        try await withStore { store in
            try await store.session { session in
                try await session.rows("SELECT key, status, occurrence FROM pub_exceptions ORDER BY key").map {
                    "\(try $0.decode(column: "key", as: String.self)) \(try $0.decode(column: "status", as: String.self)) \(try $0.decode(column: "occurrence", as: Int64.self))"
                }
            }
        }
    }
}
