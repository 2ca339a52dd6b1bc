import ConnectorKit
import Foundation
import Sandbox
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing
import ZendeskKit

/// The Zendesk mirror over real HTTP against the sandbox.
@Suite struct MirrorSyncTests {
    static let credentials = ZendeskCredentials.apiToken(email: "admin@example.com", token: "sandbox-token")

    static func configuration(_ baseURL: String, retry: RetryPolicy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(5), maxDelay: .milliseconds(50))) -> ZendeskConfiguration {
        ZendeskConfiguration(baseURL: baseURL, credentials: credentials, retryPolicy: retry, exportBudget: .unlimited, requestTimeout: .seconds(5))
    }

    static func sync(_ store: Store, _ baseURL: String, transport: any HTTPTransport, options: ZendeskMirrorSync.Options = .init(), configuration: ZendeskConfiguration? = nil) async throws -> MirrorSyncSummary {
        try await ZendeskMirrorSync(store: store, configuration: configuration ?? Self.configuration(baseURL), transport: transport, connection: "default", options: options).run()
    }

    @Test(arguments: TestDatabase.available)
    func backfillIsExactRerunFetchesNothingAndChangesArriveIncrementally(_ database: TestDatabase) async throws {
        try await withTransport() { transport in
            try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 300)) { sandbox, baseURL in
                try await database.withStore { store in
                    let first = try await Self.sync(store, baseURL, transport: transport)
                    #expect(first.streams.allSatisfy { $0.mode == .backfill })
                    #expect(try await MirrorComparison.differences(store: store, connection: "default", sandbox: sandbox).isEmpty)
                    #expect(first.mirror.tickets == 300)
                    #expect(first.mirror.comments == sandbox.commentCount())

                    sandbox.clearRequestLog()
                    let quiet = try await Self.sync(store, baseURL, transport: transport)
                    #expect(quiet.streams.allSatisfy { $0.mode == .incremental && $0.records == 0 && $0.pages == 1 })
                    #expect(sandbox.requestLog().filter { $0.path.contains("/incremental/") }.count == 4)

                    let created = try sandbox.createTicket(subject: "New question", body: "Is the paperback out?", tags: ["paperback"])
                    try sandbox.addComment(ticketID: 7, body: "Internal: checking stock", public: false)
                    try sandbox.updateTicket(id: 8, status: "solved")
                    try sandbox.deleteTicket(id: 9)
                    let user = try #require(sandbox.userSummaries().last { $0.role == "end-user" })
                    try sandbox.updateUser(id: user.id, name: "Renamed Reader")
                    let changes = try await Self.sync(store, baseURL, transport: transport)
                    let byStream = Dictionary(uniqueKeysWithValues: changes.streams.map { ($0.stream, $0) })
                    #expect(byStream[.tickets]?.inserted == 1)
                    #expect(byStream[.tickets]?.updated == 3)
                    #expect(byStream[.comments]?.inserted == 2)
                    #expect(byStream[.users]?.updated == 1)
                    #expect(try await MirrorComparison.differences(store: store, connection: "default", sandbox: sandbox).isEmpty)
                    let deleted = try await store.session { try await $0.ticket(connection: "default", id: 9) }
                    #expect(deleted?.status == "deleted")
                    let newTicket = try await store.session { try await $0.ticket(connection: "default", id: created) }
                    #expect(newTicket?.tags == ["paperback"])
                    let notes = try await store.session { try await $0.comments(connection: "default", ticketID: 7) }
                    #expect(notes.last?.body == "Internal: checking stock")
                    #expect(notes.last?.isPublic == false)
                }
            }
        }
    }

    @Test func faultMixStillEndsWithAnExactMirrorAndNoDuplicates() async throws {
        try await withTransport(defaultTimeout: .seconds(5)) { transport in
            let faults = try FaultMix(parsing: "5xx=0.1,429=0.05,reset=0.02,truncate=0.01")
            try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 400, faults: faults)) { sandbox, baseURL in
                try await TestDatabase.sqlite.withStore { store in
                    let summary = try await Self.sync(store, baseURL, transport: transport, options: .init(pageSize: 50))
                    #expect(summary.retries > 0)
                    #expect(summary.streams.first { $0.stream == .tickets }!.pages >= 8)
                    let log = sandbox.requestLog()
                    #expect(log.contains { $0.fault == .connectionReset })
                    #expect(log.contains { $0.fault == .tooManyRequests })
                    #expect(try await MirrorComparison.differences(store: store, connection: "default", sandbox: sandbox).isEmpty)
                    let stats = try await store.session { try await $0.mirrorStats(connection: "default") }
                    #expect(stats.tickets == 400)
                    #expect(stats.comments == sandbox.commentCount())
                }
            }
        }
    }

    @Test func rateLimitedSyncPausesOnTheHeadersAndNeverGets429() async throws {
        try await withTransport() { transport in
            let limits = RateLimitSpec(account: .init(limit: 100, period: .seconds(60)), export: .init(limit: 3, period: .seconds(8)))
            try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 120, rateLimits: limits)) { sandbox, baseURL in
                try await TestDatabase.sqlite.withStore { store in
                    // Another client has just spent two of the window's three export requests, so the sync's first
                    // request is the window's last and its answer says none are left: however slow the machine, the
                    // sync's next export request falls inside that window unless the sync waits for it. (Counting on the sync's own requests
                    // to fill a window failed on a loaded CI machine, whose three requests took longer than 8 s.)
                    for _ in 0..<2 {
                        let spent = try await transport.send(OutboundRequest(
                            method: .get, url: "\(baseURL)/api/v2/incremental/organizations.json?start_time=0",
                            headers: [("Authorization", Self.credentials.authorizationHeader)]))
                        #expect(spent.status == 200)
                    }
                    let summary = try await Self.sync(store, baseURL, transport: transport, options: .init(pageSize: 100))
                    let export = try #require(summary.rateLimits["export"])
                    #expect(export.pauses >= 1)
                    #expect(export.rateLimitedResponses == 0)
                    #expect(!sandbox.requestLog().contains { $0.status == 429 })
                    #expect(try await MirrorComparison.differences(store: store, connection: "default", sandbox: sandbox).isEmpty)
                }
            }
        }
    }

    @Test func commentsCanBeLeftOutAndAddedLater() async throws {
        try await withTransport() { transport in
            try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 50)) { sandbox, baseURL in
                try await TestDatabase.sqlite.withStore { store in
                    let without = try await Self.sync(store, baseURL, transport: transport, options: .init(includeComments: false))
                    #expect(without.mirror.comments == 0)
                    #expect(!without.streams.contains { $0.stream == .comments })
                    #expect(!sandbox.requestLog().contains { $0.path.contains("ticket_events") })
                    let with = try await Self.sync(store, baseURL, transport: transport)
                    #expect(with.streams.first { $0.stream == .comments }?.mode == .backfill)
                    #expect(with.mirror.comments == sandbox.commentCount())
                }
            }
        }
    }

    @Test func wrongTokenFailsWithoutTouchingTheMirror() async throws {
        try await withTransport() { transport in
            try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 10)) { _, baseURL in
                try await TestDatabase.sqlite.withStore { store in
                    var configuration = Self.configuration(baseURL)
                    configuration.credentials = .apiToken(email: "admin@example.com", token: "wrong")
                    await #expect {
                        _ = try await Self.sync(store, baseURL, transport: transport, configuration: configuration)
                    } throws: { error in
                        (error as? ZendeskError)?.kind == .unauthorized
                    }
                    let stats = try await store.session { try await $0.mirrorStats() }
                    let runs = try await store.session { try await $0.syncRuns(connection: "default") }
                    #expect(stats == MirrorStats(tickets: 0, comments: 0, users: 0, organizations: 0, tags: 0))
                    #expect(runs.first?.outcome == "failed")
                }
            }
        }
    }

    @Test func customersAreMatchedAfterTheSync() async throws {
        try await withTransport() { transport in
            try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 200)) { sandbox, baseURL in
                try await TestDatabase.sqlite.withStore { store in
                    let organizations = sandbox.organizationSummaries()
                    try await store.session { session in
                        try await session.createCustomer(name: "The \(organizations[0].name), Ltd.", domains: [], now: 1)
                    }
                    let summary = try await Self.sync(store, baseURL, transport: transport)
                    #expect(summary.customers?.linkedByName == 1)
                    let link = try await store.session { try await $0.organizationLinks(connection: "default")[organizations[0].id] }
                    #expect(link?.method == "name")
                    let customer = try #require(try await store.session { try await $0.customers() }.first)
                    let tickets = try await store.session { try await $0.tickets(ofCustomer: customer.id, limit: 10_000) }
                    let expected = sandbox.ticketSummaries().filter { $0.organizationID == organizations[0].id }.count
                    #expect(tickets.count == expected)
                    #expect(expected > 0)
                }
            }
        }
    }
}
