import Foundation
import LooseJSON
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Recipes support-reporting (Zendesk → Consonance 6) and launch-preparation (Consonance → Zendesk 8), end to end.
@Suite struct ReportingAndLaunchRecipeTests {
    @Test func taggedTicketsAreReportedPerTitleFormatAndImprintAndFeedTheSignal() async throws {
        try await RecipeHarness.with(recipes: ["title-context": [:], "recurring-questions": ["threshold": "2"], "support-reporting": [:]]) { harness in
            let products = harness.consonance.products().filter { $0.isbn13 != nil }
            let busy = try #require(products.first)
            let quiet = try #require(products.first { $0.workID != busy.workID })
            try await harness.poll()
            for question in ["Price of \(busy.isbn13!)?", "Is \(busy.isbn13!) out?", "Typo in \(busy.isbn13!)"] {
                _ = try await harness.createTicket(subject: "Question", body: question)
            }
            _ = try await harness.createTicket(subject: "Question", body: "About \(quiet.isbn13!)")
            try await harness.settle()
            try await harness.syncMirror()

            try await harness.fireSchedule("support-reporting")
            try await harness.settle()
            let run = try #require(try await harness.runs("support-reporting").last)
            let output = try await harness.store.session { try await $0.steps(runID: run.id) }.first?.output
            let rows = try #require(output?["rows"].flatMap { value -> [JSONValue]? in if case .array(let items) = value { return items } else { return nil } })
            #expect(rows.first?["label"]?.stringValue == busy.title)
            #expect(rows.first?["tickets"]?.int64Value == 3)
            #expect(rows.dropFirst().first?["tickets"]?.int64Value == 1)
            let signal = try await harness.store.session { try await $0.supportSignal(connection: "consonance", workID: Int64(busy.workID)) }
            #expect(signal?.reportedTickets == 3, "the report feeds the title's support signal")

            let report = SupportReport(store: harness.store)
            let formats = try await report.rows(by: .format)
            #expect(formats.reduce(0) { $0 + $1.tickets } >= 4)
            let imprints = try await report.rows(by: .imprint)
            #expect(imprints.contains { $0.key == ZendeskTagName.imprint(busy.imprintName) })
            let api = try await TestHTTP.get(harness.nodeURL + "/api/reports/titles?by=title", bearer: RecipeHarness.adminToken)
            #expect(((api.json as? [String: Any])?["rows"] as? [[String: Any]])?.first?["tickets"] as? NSNumber == 3)
        }
    }

    @Test func launchesWithinTheWindowProduceADigestMacrosAndAForecast() async throws {
        try await RecipeHarness.with(recipes: ["launch-preparation": ["days": "21", "group_id": "$GROUP"]]) { harness in
            let today = harness.consonance.today
            let launching = try #require(harness.consonance.products().first { $0.isbn13 != nil && $0.publicationDate != nil })
            let work = try #require(harness.consonance.work(id: launching.workID))
            for product in harness.consonance.products() where product.workID == launching.workID {
                try harness.consonance.setPublishingStatus(productID: product.id, "02")
                try harness.consonance.setPublicationDate(productID: product.id, today.adding(days: 10))
            }
            try await harness.poll()
            let inWindow = try await LaunchPlanner(store: harness.store).launches(days: 21, today: today.description)
            #expect(inWindow.contains { $0.work.id == Int64(work.id) })

            try await harness.fireSchedule("launch-preparation")
            try await harness.settle()
            let digests = harness.tickets(subjectContaining: "Launch digest")
            #expect(digests.count == 1)
            let digestID = try #require(digests.first?.id)
            let digest = try #require(harness.comments(digestID).first?.body)
            #expect(digest.contains(work.title))
            #expect(digest.contains(today.adding(days: 10).description))
            #expect(digest.contains("Expected inquiries"))
            #expect((try await harness.ticket(digests[0].id)["group_id"] as? NSNumber)?.int64Value == harness.groupID)

            let macros = try await TestHTTP.request("GET", harness.zendeskURL + "/api/v2/macros.json", headers: ["Authorization": RecipeHarness.basic])
            let list = (macros.json as? [String: Any])?["macros"] as? [[String: Any]] ?? []
            let macro = try #require(list.first { $0["title"] as? String == "Launch: \(work.title)" })
            let text = ((macro["actions"] as? [[String: Any]])?.first?["value"] as? String) ?? ""
            #expect(text.contains(today.adding(days: 10).description))
            #expect(text.contains("Formats:"))
            #expect(text.contains("Where it is on sale:"))

            // The next day's run: the week's digest ticket stays one, the macro is updated, not duplicated.
            try await harness.fireSchedule("launch-preparation")
            try await harness.settle()
            #expect(harness.tickets(subjectContaining: "Launch digest").count == 1)
            let again = try await TestHTTP.request("GET", harness.zendeskURL + "/api/v2/macros.json", headers: ["Authorization": RecipeHarness.basic])
            #expect(((again.json as? [String: Any])?["macros"] as? [[String: Any]] ?? []).filter { $0["title"] as? String == "Launch: \(work.title)" }.count == 1)
        }
    }

    @Test func theForecastComesFromComparableTitlesHistory() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let now = Int64(Date().timeIntervalSince1970)
            let today = PublishingRules.isoDay(Date())
            let pastDay = PublishingRules.isoDay(Date().addingTimeInterval(-60 * 86_400))
            let soon = PublishingRules.isoDay(Date().addingTimeInterval(5 * 86_400))
            @Sendable func work(_ id: Int64, _ title: String) -> CatalogueWork {
                CatalogueWork(connection: "c", id: id, title: title, subtitle: nil, stage: nil, imprint: "Larkspur Press", digest: "d", data: .object([:]))
            }
            @Sendable func product(_ id: Int64, work: Int64, date: String, status: String) -> CatalogueProduct {
                CatalogueProduct(connection: "c", id: id, workID: work, isbn13: "97800000000\(id)", title: "T\(work)", format: "hardback", status: status,
                                 publicationDate: date, imprint: "Larkspur Press", digest: "d", data: .object([:]))
            }
            try await store.transaction { session in
                try await session.saveCatalogue(connection: "c", works: [work(1, "Past A"), work(2, "Past B"), work(3, "Coming")],
                                                products: [product(11, work: 1, date: pastDay, status: "04"), product(12, work: 2, date: pastDay, status: "04"),
                                                           product(13, work: 3, date: soon, status: "02")], contributors: [], now: now)
                let published = Int64(PublishingRules.date(pastDay)!.timeIntervalSince1970)
                for ticket in 0..<6 {
                    try await session.recordTitleMention(TitleMention(connection: "z", ticketID: Int64(100 + ticket), workID: 1, isbn13: nil, title: nil, topics: [],
                                                                      subject: nil, mentionedAt: published + Int64(ticket) * 86_400))
                }
                for ticket in 0..<2 {
                    try await session.recordTitleMention(TitleMention(connection: "z", ticketID: Int64(200 + ticket), workID: 2, isbn13: nil, title: nil, topics: [],
                                                                      subject: nil, mentionedAt: published + 86_400))
                }
            }
            let launches = try await LaunchPlanner(store: store).launches(days: 30, today: today)
            #expect(launches.count == 1)
            #expect(launches.first?.work.title == "Coming")
            #expect(launches.first?.comparables == 2)
            #expect(launches.first?.forecast == 4, "(6 + 2) / 2 comparable titles")
        }
    }
}
