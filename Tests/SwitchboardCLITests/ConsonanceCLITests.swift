import Foundation
import LooseJSON
import Sandbox
import SQLKit
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The Consonance and publishing commands, run as real processes against in-process sandboxes over HTTP: what an
/// operator types, what they see, and what ends up in the database.
@Suite struct ConsonanceCLITests {
    static let key = ConsonanceSandboxConfiguration.defaultAPIKey

    static func configuration(works: Int, seed: UInt64 = 3) -> ConsonanceSandboxConfiguration {
        ConsonanceSandboxConfiguration(seed: seed, workCount: works, pageSize: 10)
    }

    // MARK: connect

    @Test func connectRefusesAWrongKeyAndNeverRevealsTheRightOne() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        try await ConsonanceHarness.withSandbox(Self.configuration(works: 5)) { _, baseURL in
            let wrongKey = "WrongKeyWrongKeyWrongKey01234567"
            let refused = try await home.run(["connect", "consonance", "--url", baseURL, "--key", wrongKey])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("refused the API key"), "\(refused.stderr)")
            #expect(refused.stderr.contains("Consonance support (support@consonance.app)"))
            #expect(refused.stderr.contains("Nothing was stored"))
            #expect(!(refused.stdout + refused.stderr).contains(wrongKey))
            #expect(try await home.connections().isEmpty)

            let viaStandardInput = try await home.run(["connect", "consonance", "--url", baseURL, "--key", "-"], input: Self.key + "\n")
            #expect(viaStandardInput.succeeded, "\(viaStandardInput.stderr)")
            #expect(viaStandardInput.stdout.contains("Connected \"consonance\" to Consonance at \(baseURL)."))
            #expect(viaStandardInput.stdout.contains("The key is stored encrypted"))

            let viaEnvironment = try await home.run(["connect", "consonance", "--url", baseURL, "--name", "backlist"],
                                                    environment: ["SWITCHBOARD_CONSONANCE_KEY": Self.key])
            #expect(viaEnvironment.succeeded, "\(viaEnvironment.stderr)")
            #expect(viaEnvironment.stdout.contains("Connected \"backlist\" to Consonance"))
            #expect(viaEnvironment.stdout.contains("Next: switchboard sync consonance --name backlist"))

            let missing = try await home.run(["connect", "consonance", "--url", baseURL])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("give the API key with --key KEY, --key - (standard input) or $SWITCHBOARD_CONSONANCE_KEY"))

            // The stored key still works (the next command decrypts it) …
            let sync = try await home.run(["sync", "consonance", "--name", "backlist", "--json"])
            #expect(sync.succeeded, "\(sync.stderr)")

            for result in [viaStandardInput, viaEnvironment, missing, sync] {
                #expect(!(result.stdout + result.stderr).contains(Self.key), "the key was printed")
            }
            let connections = try await home.connections()
            #expect(connections.map(\.name).sorted() == ["backlist", "consonance"])
            #expect(connections.allSatisfy { $0.kind == "consonance" && $0.baseURL == baseURL })
            // … but the database never holds it in clear (nor does its journal).
            #expect(try home.databaseBytesContain(Self.key) == false, "the API key is stored in clear")
            #expect(try home.databaseBytesContain("consonance"), "the byte scan reads the database")
        }
    }

    // MARK: sync and disconnect

    @Test func syncImportsTheCatalogueThenReportsExactlyTheChangesMade() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        try await ConsonanceHarness.withSandbox(Self.configuration(works: 40)) { sandbox, baseURL in
            try await home.connectConsonance(baseURL)
            let works = sandbox.works().count, products = sandbox.productCount, contracts = sandbox.contracts().count

            let first = try await home.run(["sync", "consonance"])
            #expect(first.succeeded, "\(first.stderr)")
            #expect(first.stdout.contains("Imported \(works) works, \(products) products and \(contracts) contracts in "), "\(first.stdout)")
            #expect(first.stderr.contains("importing Consonance: \(works) works, \(products) products"), "\(first.stderr)")
            // The import reports no catalogue changes (only what dates and rules say, if anything).
            for changeType in ["product.pub_date_changed", "product.status_changed", "work.stage_changed", "rights.changed"] {
                #expect(!first.stdout.contains(changeType), "\(first.stdout)")
            }
            #expect(try await home.count("SELECT COUNT(*) AS value FROM cn_works") == Int64(works))
            #expect(try await home.count("SELECT COUNT(*) AS value FROM cn_products") == Int64(products))
            #expect(try await home.count("SELECT COUNT(*) AS value FROM cn_contracts") == Int64(contracts))

            let quiet = try await home.run(["sync", "consonance"])
            #expect(quiet.succeeded, "\(quiet.stderr)")
            #expect(quiet.stdout.hasPrefix("Polled "), "\(quiet.stdout)")
            #expect(quiet.stdout.contains("No new events."), "\(quiet.stdout)")

            // Move one publication date far in the future (no milestone comes due because of it).
            let today = sandbox.today
            let product = try #require(sandbox.products().first { ($0.publicationDate ?? today) > today.adding(days: 60) })
            let moved = product.publicationDate!.adding(days: 21)
            try sandbox.setPublicationDate(productID: product.id, moved)

            let changed = try await home.run(["sync", "consonance", "--json"])
            #expect(changed.succeeded, "\(changed.stderr)")
            let summary = try Self.object(changed.stdout)
            #expect(summary["backfill"] as? Bool == false)
            #expect(summary["resumed"] as? Bool == false)
            #expect(summary["events"] as? Int == 1, "\(changed.stdout)")
            #expect(summary["event_types"] as? [String: Int] == ["product.pub_date_changed": 1], "\(changed.stdout)")
            #expect(summary["contracts"] as? Int == contracts)
            let events = try await home.events(type: "product.pub_date_changed")
            #expect(events.count == 1)
            #expect(events.first?.externalID.hasPrefix("consonance:product:\(product.id):publication_date:\(moved)@pass_") == true, "\(events)")
            #expect(events.first?.context["change"]?["previous"]?.stringValue == product.publicationDate?.description)
            #expect(events.first?.context["change"]?["current"]?.stringValue == moved.description)
            #expect(events.first?.context["change"]?["direction"]?.stringValue == "later")
            #expect(try await home.text("SELECT publication_date AS value FROM cn_products WHERE id = \(literal: product.id)") == moved.description)

            let third = try await home.run(["sync", "consonance", "--json"])
            let after = try Self.object(third.stdout)
            #expect(after["events"] as? Int == 0, "\(third.stdout)")
            #expect((after["event_types"] as? [String: Int])?.isEmpty == true)
            #expect(try await home.events(type: "product.pub_date_changed").count == 1)

            // The JSON summary of a first pass, on a second database, counts the whole catalogue.
            let other = home.directory.file("other.db")
            _ = try await home.run(["connect", "consonance", "--url", baseURL, "--key", Self.key, "--db", other], database: false)
            let imported = try await home.run(["sync", "consonance", "--json", "--db", other], database: false)
            #expect(imported.succeeded, "\(imported.stderr)")
            let importSummary = try Self.object(imported.stdout)
            #expect(importSummary["backfill"] as? Bool == true)
            #expect(importSummary["works"] as? Int == works)
            #expect(importSummary["products"] as? Int == products)
            #expect(importSummary["contracts"] as? Int == contracts)
            #expect((importSummary["pages"] as? Int ?? 0) >= (works + 9) / 10)
            #expect(importSummary["quarantined"] as? Int == 0)
            #expect(importSummary["connection"] as? String == "consonance")
            let types = importSummary["event_types"] as? [String: Int] ?? [:]
            #expect(types.keys.allSatisfy { !["product.pub_date_changed", "product.status_changed", "work.stage_changed", "rights.changed"].contains($0) }, "\(types)")
            #expect(types.values.reduce(0, +) == importSummary["events"] as? Int)
        }
    }

    @Test func disconnectWithPurgeRemovesTheKeyAndTheSnapshot() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        try await ConsonanceHarness.withSandbox(Self.configuration(works: 12)) { sandbox, baseURL in
            try await home.connectConsonance(baseURL)
            #expect(try await home.run(["sync", "consonance"]).succeeded)
            #expect(try await home.count("SELECT COUNT(*) AS value FROM cn_works") == Int64(sandbox.works().count))
            #expect(try await home.count("SELECT COUNT(*) AS value FROM secrets") == 1)

            let disconnect = try await home.run(["disconnect", "consonance", "--purge"])
            #expect(disconnect.succeeded, "\(disconnect.stderr)")
            #expect(disconnect.stdout.contains("Removed the key of \"consonance\" and its snapshot. Ask Consonance support to revoke the key as well."))
            #expect(try await home.connections().isEmpty)
            #expect(try await home.count("SELECT COUNT(*) AS value FROM secrets") == 0)
            for table in ["cn_works", "cn_products", "cn_contracts", "cn_contributors"] {
                #expect(try await home.count("SELECT COUNT(*) AS value FROM \(unsafeRaw: table)") == 0, "\(table) still has rows")
            }
            #expect(try await home.count("SELECT COUNT(*) AS value FROM sync_cursors WHERE connection = 'consonance'") == 0)

            let resync = try await home.run(["sync", "consonance"])
            #expect(resync.status != 0)
            #expect(resync.stderr.contains("no Consonance connection named \"consonance\""), "\(resync.stderr)")
            let again = try await home.run(["disconnect", "consonance"])
            #expect(again.status != 0)
            #expect(again.stderr.contains("no Consonance connection named \"consonance\""))
        }
    }

    // MARK: titles

    @Test func titlesShowPrintsTheTitleAndItsFormats() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        try await ConsonanceHarness.withSandbox(Self.configuration(works: 20)) { sandbox, baseURL in
            try await home.connectConsonance(baseURL)
            #expect(try await home.run(["sync", "consonance"]).succeeded)
            let work = try #require(sandbox.works().first { $0.productIDs.count >= 2 && sandbox.product(id: $0.productIDs[0])?.isbnWithDashes != nil })
            let products = work.productIDs.compactMap { sandbox.product(id: $0) }
            let dashed = try #require(products[0].isbnWithDashes)
            #expect(dashed.contains("-"))

            let shown = try await home.run(["titles", "show", dashed])
            #expect(shown.succeeded, "\(shown.stderr)")
            let lines = shown.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "\(work.title) — \(work.imprintName)", "\(shown.stdout)")
            #expect(lines.contains { $0.hasPrefix("Status: ") })
            for product in products {
                let isbn = try #require(product.isbnWithDashes)
                #expect(lines.contains { $0.hasPrefix("  ") && $0.contains(": \(isbn) — ") }, "\(isbn) missing from \(shown.stdout)")
            }
            #expect(lines.contains { $0.hasPrefix("Rights: ") })
            #expect(lines.contains { $0.hasPrefix("Release dates: ") })

            let json = try await home.run(["titles", "show", dashed, "--json"])
            #expect(json.succeeded, "\(json.stderr)")
            let context = try Self.object(json.stdout)
            #expect(context["title"] as? String == work.title)
            #expect(context["imprint"] as? String == work.imprintName)
            #expect(context["work_id"] as? Int == work.id)
            let formats = context["formats"] as? [[String: Any]] ?? []
            #expect(Set(formats.compactMap { $0["isbn13"] as? String }) == Set(products.compactMap(\.isbn13)))

            // The ISBN-10 form of an ISBN-978 finds the same title.
            if let isbn10 = products[0].isbn10 {
                let short = try await home.run(["titles", "show", isbn10])
                #expect(short.succeeded, "\(short.stderr)")
                #expect(short.stdout.hasPrefix("\(work.title) — "))
            }

            var wrongCheck = dashed
            let last = wrongCheck.removeLast()
            wrongCheck.append(last == "0" ? "1" : "0")
            let refused = try await home.run(["titles", "show", wrongCheck])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("\(wrongCheck) is not a valid ISBN (check digit or length)"), "\(refused.stderr)")
            #expect(refused.stdout.isEmpty)

            let unknown = try await home.run(["titles", "show", "978-0-306-40615-7"])
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("no title with ISBN 9780306406157"), "\(unknown.stderr)")
        }
    }

    // MARK: recipes

    @Test func recipesAreListedShownAndEnabledOnlyWithValidSettings() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        let list = try await home.run(["recipes", "list"], database: false)
        #expect(list.succeeded)
        #expect(Recipes.all.count == 18, "eight Consonance ↔ Zendesk, eight Consonance ↔ WhatsApp recipes, conversation sync and profile sync to Zendesk")
        let rows = list.stdout.split(separator: "\n").map(String.init)
        for recipe in Recipes.all {
            #expect(rows.contains { $0.hasPrefix(recipe.name + " ") && $0.contains(recipe.title) }, "\(recipe.name) missing from \(list.stdout)")
        }
        #expect(rows.filter { row in Recipes.all.contains { row.hasPrefix($0.name + " ") } }.count == Recipes.all.count)

        let show = try await home.run(["recipes", "show", "title-context"], database: false)
        #expect(show.succeeded)
        #expect(show.stdout.hasPrefix("title-context — Title context in the ticket (Consonance → Zendesk 1)"))
        #expect(show.stdout.contains("custom_fields (default {}):"))
        #expect(show.stdout.contains("# title-context.yaml\nname: title-context\n"))
        #expect(show.stdout.contains("action: consonance.find_title"))
        let unknownRecipe = try await home.run(["recipes", "show", "title-contexts"], database: false)
        #expect(unknownRecipe.status != 0)
        #expect(unknownRecipe.stderr.contains("no recipe named \"title-contexts\"; available: title-context, workflow-exceptions"))

        let flows = home.directory.file("flows-enabled")
        let enable = try await home.run(["recipes", "enable", "workflow-exceptions", "--set", "group_id=123", "--flows", flows], database: false)
        #expect(enable.succeeded, "\(enable.stderr)")
        #expect(enable.stdout.contains("wrote \(flows)/workflow-exceptions.yaml"))
        #expect(enable.stdout.contains("wrote \(flows)/workflow-exceptions-cleared.yaml"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: flows).sorted() == ["workflow-exceptions-cleared.yaml", "workflow-exceptions.yaml"])
        let written = try String(contentsOfFile: (flows as NSString).appendingPathComponent("workflow-exceptions.yaml"), encoding: .utf8)
        #expect(written.contains("group_id: 123\n"))
        #expect(written.contains("priority: high\n"))
        #expect(!written.contains("${"))
        let lint = try await home.run(["flows", "lint", flows], database: false)
        #expect(lint.succeeded, "\(lint.stderr)")
        #expect(lint.stdout.contains("2 flows OK"), "\(lint.stdout)")

        // Refusals write nothing, not even into a folder that already exists.
        let untouched = home.directory.file("flows-untouched")
        try FileManager.default.createDirectory(atPath: untouched, withIntermediateDirectories: true)
        let unknownSetting = try await home.run(["recipes", "enable", "workflow-exceptions", "--set", "colour=red", "--flows", untouched], database: false)
        #expect(unknownSetting.status != 0)
        #expect(unknownSetting.stderr.contains("recipe workflow-exceptions has no setting \"colour\"; its settings: zendesk_connection, group_id, priority"),
                "\(unknownSetting.stderr)")
        let badPriority = try await home.run(["recipes", "enable", "workflow-exceptions", "--set", "priority=urgentish", "--flows", untouched], database: false)
        #expect(badPriority.status != 0)
        #expect(badPriority.stderr.contains("the settings make workflow-exceptions.yaml invalid"), "\(badPriority.stderr)")
        #expect(badPriority.stderr.contains("\"urgentish\" is not a valid priority"), "\(badPriority.stderr)")
        let badGroup = try await home.run(["recipes", "enable", "workflow-exceptions", "--set", "group_id=abc", "--flows", untouched], database: false)
        #expect(badGroup.status != 0)
        #expect(badGroup.stderr.contains("group_id must be integer"), "\(badGroup.stderr)")
        let malformed = try await home.run(["recipes", "enable", "workflow-exceptions", "--set", "=123", "--flows", untouched], database: false)
        #expect(malformed.status != 0)
        #expect(malformed.stderr.contains("settings are given as NAME=VALUE"), "\(malformed.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: untouched).isEmpty)
        let neverCreated = home.directory.file("flows-never")
        _ = try await home.run(["recipes", "enable", "workflow-exceptions", "--set", "priority=urgentish", "--flows", neverCreated], database: false)
        #expect(!FileManager.default.fileExists(atPath: neverCreated))
    }

    static func object(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw FixtureError.failed("parse JSON", text)
        }
        return object
    }
}
