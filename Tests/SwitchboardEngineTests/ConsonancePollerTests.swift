import ConnectorKit
import ConsonanceKit
import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Consonance polling over real HTTP against the sandbox: the first poll imports quietly, real changes become
/// exactly one event each, an unchanged catalogue (even one `changedSince` over-reports) emits nothing, and dates
/// raise and clear exceptions.
@Suite struct ConsonancePollerTests {
    static func poller(_ store: Store, _ baseURL: String, transport: any HTTPTransport, flows: FlowRegistry = FlowRegistry([]),
                       settings: ConsonanceConnectionSettings = ConsonanceConnectionSettings(contractProbeGap: 3)) -> ConsonancePoller {
        let client = ConsonanceClient(configuration: ConsonanceConfiguration(host: baseURL, apiKey: ConsonanceSandboxConfiguration.defaultAPIKey,
                                                                             retryPolicy: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))),
                                      transport: transport)
        return ConsonancePoller(store: store, client: client, connection: "consonance", host: baseURL, settings: settings,
                                runtime: FlowRuntime(store: store, flows: flows))
    }

    static func events(_ store: Store) async throws -> [EventRecord] {
        try await store.session { try await $0.events(source: "consonance", limit: 10_000) }
    }

    @Test(arguments: TestDatabase.available)
    func firstPollImportsQuietlyAndAnUnchangedCatalogueEmitsNothing(_ database: TestDatabase) async throws {
        let transport = AsyncHTTPTransport()
        defer { Task { try? await transport.shutdown() } }
        try await ConsonanceHarness.withSandbox(ConsonanceSandboxConfiguration(seed: 11, workCount: 60, pageSize: 25)) { sandbox, baseURL in
            try await database.withStore { store in
                let poller = Self.poller(store, baseURL, transport: transport)
                let first = try await poller.poll()
                #expect(first.backfill)
                #expect(first.works == 60)
                #expect(first.products == sandbox.products().count)
                #expect(first.contracts == sandbox.contracts().count)
                let changeTypes: Set<String> = ["product.pub_date_changed", "product.status_changed", "work.stage_changed", "rights.changed"]
                #expect(try await Self.events(store).filter { changeTypes.contains($0.type) }.isEmpty, "importing is not news")
                let counts = try await store.session { try await $0.catalogueCounts(connection: "consonance") }
                #expect(counts.works == 60 && counts.products == sandbox.products().count && counts.contracts == sandbox.contracts().count)
                let afterFirst = try await Self.events(store).count

                let second = try await poller.poll()
                #expect(!second.backfill)
                #expect(second.events == 0, "\(second.eventTypes)")
                #expect(try await Self.events(store).count == afterFirst)

                sandbox.setOverReportChanges(1.0)
                let third = try await poller.poll()
                #expect(third.works > 0, "over-reporting returns unchanged works")
                #expect(third.events == 0, "unchanged works are not changes: \(third.eventTypes)")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func realChangesBecomeOneEventEach(_ database: TestDatabase) async throws {
        let transport = AsyncHTTPTransport()
        defer { Task { try? await transport.shutdown() } }
        try await ConsonanceHarness.withSandbox(ConsonanceSandboxConfiguration(seed: 12, workCount: 40, pageSize: 15)) { sandbox, baseURL in
            try await database.withStore { store in
                let poller = Self.poller(store, baseURL, transport: transport)
                _ = try await poller.poll()
                let before = Set(try await Self.events(store).map(\.id))
                let products = sandbox.products().filter { $0.publicationDate != nil && $0.publishingStatus == "04" }
                let delayed = try #require(products.first)
                let cancelled = try #require(products.first { $0.workID != delayed.workID })
                let moved = try #require(sandbox.works().first { $0.id != delayed.workID && $0.id != cancelled.workID })
                let rights = try #require(products.first { $0.workID != delayed.workID && $0.workID != cancelled.workID && $0.workID != moved.id })
                let newDate = delayed.publicationDate!.adding(days: 45)
                try sandbox.setPublicationDate(productID: delayed.id, newDate)
                try sandbox.setPublishingStatus(productID: cancelled.id, "01")
                try sandbox.setProjectStage(workID: moved.id, "Final proof approved")
                try sandbox.setSalesRights(productID: rights.id, forSale: ["GB", "IE"], notForSale: ["US"], worldwide: false)

                let summary = try await poller.poll()
                let new = try await Self.events(store).filter { !before.contains($0.id) }
                let changes = new.filter { ["product.pub_date_changed", "product.status_changed", "work.stage_changed", "rights.changed"].contains($0.type) }
                #expect(changes.count == 4, "\(changes.map { "\($0.type) \($0.externalID)" })")
                let date = try #require(changes.first { $0.type == "product.pub_date_changed" })
                #expect(date.context["product"]?["id"]?.int64Value == Int64(delayed.id))
                #expect(date.context["change"]?["previous"]?.stringValue == delayed.publicationDate?.description)
                #expect(date.context["change"]?["current"]?.stringValue == newDate.description)
                #expect(date.context["change"]?["direction"]?.stringValue == "later")
                let status = try #require(changes.first { $0.type == "product.status_changed" })
                #expect(status.context["change"]?["current"]?.stringValue == "01")
                #expect(status.context["product"]?["status_label"]?.stringValue != nil)
                let stage = try #require(changes.first { $0.type == "work.stage_changed" })
                #expect(stage.context["work"]?["id"]?.int64Value == Int64(moved.id))
                #expect(stage.context["change"]?["current"]?.stringValue == "Final proof approved")
                let sales = try #require(changes.first { $0.type == "rights.changed" })
                #expect(sales.context["change"]?["current"]?["for_sale"] == .array(["GB", "IE"]))
                #expect(summary.eventTypes["product.pub_date_changed"] == 1)

                let again = try await poller.poll()
                #expect(again.events == 0, "\(again.eventTypes)")
            }
        }
    }

    @Test func overdueManuscriptsRaiseAnExceptionThatClearsOnDelivery() async throws {
        let transport = AsyncHTTPTransport()
        defer { Task { try? await transport.shutdown() } }
        try await ConsonanceHarness.withSandbox(ConsonanceSandboxConfiguration(seed: 13, workCount: 30, pageSize: 50)) { sandbox, baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let today = sandbox.today
                let contract = try #require(sandbox.contracts().first)
                try sandbox.setContract(id: contract.id) { dates in
                    dates.msDeliveryDate = today.adding(days: -10)
                    dates.revisedMsDeliveryDate = nil
                    dates.actualMsDeliveryDate = nil
                }
                let poller = Self.poller(store, baseURL, transport: transport)
                _ = try await poller.poll()
                let raised = try await Self.events(store).filter { $0.type == "exception.raised" && $0.context["exception"]?["key"]?.stringValue == "contract:\(contract.id):delivery" }
                #expect(raised.count == 1)
                #expect(raised.first?.context["exception"]?["kind"]?.stringValue == "delayed_delivery")
                let overdue = try await Self.events(store).filter { $0.type == "contract.delivery_overdue" && $0.context["contract"]?["id"]?.int64Value == Int64(contract.id) }
                #expect(overdue.count == 1)
                #expect(overdue.first?.context["contract"]?["days_overdue"]?.int64Value == 10)
                let open = try await store.session { try await $0.openExceptions(connection: "consonance") }
                #expect(open.contains { $0.key == "contract:\(contract.id):delivery" })

                _ = try await poller.poll()
                #expect(try await Self.events(store).filter { $0.type == "exception.raised" && $0.context["exception"]?["key"]?.stringValue == "contract:\(contract.id):delivery" }.count == 1,
                        "an open exception is raised once")

                try sandbox.markDelivered(contractID: contract.id)
                _ = try await poller.poll()
                let cleared = try await Self.events(store).filter { $0.type == "exception.cleared" && $0.context["exception"]?["key"]?.stringValue == "contract:\(contract.id):delivery" }
                #expect(cleared.count == 1)
                let milestone = try await store.session { try await $0.milestone(originKey: "consonance:contract:\(contract.id):ms_delivery") }
                #expect(milestone?.status == "done")
            }
        }
    }

    @Test func rightsConflictsAreExceptionsUntilCorrected() async throws {
        let transport = AsyncHTTPTransport()
        defer { Task { try? await transport.shutdown() } }
        try await ConsonanceHarness.withSandbox(ConsonanceSandboxConfiguration(seed: 14, workCount: 20, pageSize: 50)) { sandbox, baseURL in
            try await TestDatabase.sqlite.withStore { store in
                let poller = Self.poller(store, baseURL, transport: transport)
                _ = try await poller.poll()
                let product = try #require(sandbox.products().first)
                try sandbox.setSalesRights(productID: product.id, forSale: ["GB", "US"], notForSale: ["US", "CA"], worldwide: false)
                _ = try await poller.poll()
                let key = "product:\(product.id):rights_conflict"
                let raised = try await Self.events(store).filter { $0.type == "exception.raised" && $0.context["exception"]?["key"]?.stringValue == key }
                #expect(raised.count == 1)
                #expect(raised.first?.context["exception"]?["details"]?.stringValue?.contains("US") == true)
                try sandbox.setSalesRights(productID: product.id, forSale: ["GB"], notForSale: ["US", "CA"], worldwide: false)
                _ = try await poller.poll()
                #expect(try await Self.events(store).filter { $0.type == "exception.cleared" && $0.context["exception"]?["key"]?.stringValue == key }.count == 1)
            }
        }
    }
}
