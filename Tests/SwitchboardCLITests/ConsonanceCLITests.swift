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
        #expect(Recipes.all.count == 8)
        let rows = list.stdout.split(separator: "\n").map(String.init)
        for recipe in Recipes.all {
            #expect(rows.contains { $0.hasPrefix(recipe.name + " ") && $0.contains(recipe.title) }, "\(recipe.name) missing from \(list.stdout)")
        }
        #expect(rows.filter { row in Recipes.all.contains { row.hasPrefix($0.name + " ") } }.count == 8)

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

    // MARK: tasks, milestones, rights

    static let taskFlow = """
        name: on-task-done
        trigger:
          switchboard:
            events: [task.completed]
        actions:
          - action: core.log
            with:
              message: "task {{task.id}} is {{task.status}}"
        """

    @Test func tasksAreAddedListedAndCompletedWhichQueuesTheirFlows() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        let flows = home.directory.file("flows")
        try FileManager.default.createDirectory(atPath: flows, withIntermediateDirectories: true)
        try Self.taskFlow.write(toFile: (flows as NSString).appendingPathComponent("on-task-done.yaml"), atomically: true, encoding: .utf8)

        let add = try await home.run(["tasks", "add", "Check the proofs of The Last Island", "--due", "2027-01-15", "--owner", "ed@example.com",
                                      "--isbn", "9780306406157", "--flows", flows])
        #expect(add.succeeded, "\(add.stderr)")
        let id = try #require(add.stdout.firstMatch(of: /Created task (tsk_[0-9a-f]+): Check the proofs of The Last Island/).map { String($0.1) }, "\(add.stdout)")
        let other = try await home.run(["tasks", "add", "Order review copies", "--json", "--flows", flows])
        let otherTask = try Self.object(other.stdout)
        #expect(otherTask["status"] as? String == "open")
        #expect(otherTask["due_on"] is NSNull)

        let list = try await home.run(["tasks", "list", "--flows", flows])
        #expect(list.succeeded)
        let rows = list.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasPrefix("ID ") == true)
        #expect(rows.contains { $0.hasPrefix(id) && $0.contains("open") && $0.contains("2027-01-15") && $0.contains("ed@example.com") }, "\(list.stdout)")
        #expect(rows.count == 3)

        let done = try await home.run(["tasks", "done", id, "--flows", flows])
        #expect(done.succeeded, "\(done.stderr)")
        #expect(done.stdout.contains("Task \(id) is done."))
        #expect(try await home.text("SELECT status AS value FROM pub_tasks WHERE id = \(bind: id)") == "done")
        #expect(try await home.count("SELECT COUNT(*) AS value FROM pub_tasks WHERE id = \(bind: id) AND completed_at IS NOT NULL") == 1)
        let completed = try await home.events(type: "task.completed")
        #expect(completed.count == 1)
        #expect(completed.first?.source == "switchboard")
        #expect(completed.first?.context["task"]?["id"]?.stringValue == id)
        #expect(try await home.count("SELECT COUNT(*) AS value FROM runs WHERE flow = 'on-task-done'") == 1)
        #expect(try await home.count("SELECT COUNT(*) AS value FROM jobs") >= 1)
        let runs = try await home.run(["runs", "list"])
        #expect(runs.stdout.contains("on-task-done"), "\(runs.stdout)")

        // Done again is not a second completion.
        #expect(try await home.run(["tasks", "done", id, "--flows", flows]).succeeded)
        #expect(try await home.count("SELECT COUNT(*) AS value FROM runs WHERE flow = 'on-task-done'") == 1)
        let show = try await home.run(["tasks", "show", id, "--flows", flows])
        #expect(try Self.object(show.stdout)["status"] as? String == "done")

        let unknown = try await home.run(["tasks", "done", "tsk_doesnotexist", "--flows", flows])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no task tsk_doesnotexist"), "\(unknown.stderr)")
        let badStatus = try await home.run(["tasks", "status", id, "finished", "--flows", flows])
        #expect(badStatus.status != 0)
        #expect(badStatus.stderr.contains("status must be one of open, in_progress, done, cancelled"))
        let badDate = try await home.run(["tasks", "add", "Impossible", "--due", "2027-02-30", "--flows", flows])
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("--due must be a date YYYY-MM-DD, got \"2027-02-30\""), "\(badDate.stderr)")
        let slashed = try await home.run(["tasks", "add", "Impossible", "--due", "15/01/2027", "--flows", flows])
        #expect(slashed.stderr.contains("--due must be a date YYYY-MM-DD"))
        #expect(try await home.count("SELECT COUNT(*) AS value FROM pub_tasks") == 2)
    }

    @Test func milestonesAndRightsDecisionsAreRecorded() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        let flows = home.directory.file("flows")
        try FileManager.default.createDirectory(atPath: flows, withIntermediateDirectories: true)

        let add = try await home.run(["milestones", "add", "Cover approval", "--due", "2027-02-01", "--kind", "approval", "--title", "The Last Island",
                                      "--owner", "art@example.com", "--flows", flows])
        #expect(add.succeeded, "\(add.stderr)")
        let id = try #require(add.stdout.firstMatch(of: /Created milestone (mst_[0-9a-f]+): Cover approval on 2027-02-01/).map { String($0.1) }, "\(add.stdout)")
        #expect(try await home.run(["milestones", "add", "Sales conference", "--due", "2027-03-10", "--flows", flows]).succeeded)
        let list = try await home.run(["milestones", "list", "--flows", flows])
        let rows = list.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 3, "\(list.stdout)")
        #expect(rows[1].hasPrefix(id) && rows[1].contains("2027-02-01") && rows[1].contains("approval") && rows[1].contains("The Last Island"), "\(list.stdout)")
        #expect(rows[2].contains("Sales conference") && rows[2].contains("custom"))

        let done = try await home.run(["milestones", "done", id, "--flows", flows])
        #expect(done.succeeded)
        #expect(done.stdout.contains("Milestone \(id) is done."))
        let open = try await home.run(["milestones", "list", "--open", "--json", "--flows", flows])
        let openMilestones = try Self.object(open.stdout)["milestones"] as? [[String: Any]] ?? []
        #expect(openMilestones.compactMap { $0["name"] as? String } == ["Sales conference"])
        #expect(try await home.text("SELECT status AS value FROM pub_milestones WHERE id = \(bind: id)") == "done")
        let unknown = try await home.run(["milestones", "done", "mst_nope", "--flows", flows])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no milestone mst_nope"))
        let badDate = try await home.run(["milestones", "add", "Never", "--due", "2027-1-5", "--flows", flows])
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("--due must be a date YYYY-MM-DD, got \"2027-1-5\""))

        // A review request, as the rights-inquiries recipe would open it from a ticket.
        let review = RightsReview(question: "May we license German translation rights?", rightType: "translation", territory: "DE",
                                  requestedBy: "agent@example.com", connection: "default", ticketID: 4242, isbn13: "9780306406157",
                                  title: "The Last Island", createdAt: Int64(Date().timeIntervalSince1970))
        _ = try await home.withStore { store in try await store.session { try await $0.createRightsReview(review) } }

        let listed = try await home.run(["rights", "list", "--json", "--flows", flows])
        #expect(listed.succeeded, "\(listed.stderr)")
        let reviews = try Self.object(listed.stdout)["rights_reviews"] as? [[String: Any]] ?? []
        #expect(reviews.count == 1)
        #expect(reviews.first?["id"] as? String == review.id)
        #expect(reviews.first?["status"] as? String == "requested")
        let table = try await home.run(["rights", "list", "--flows", flows])
        #expect(table.stdout.contains(review.id) && table.stdout.contains("#4242") && table.stdout.contains("May we license German translation rights?"))

        let badWord = try await home.run(["rights", "decide", review.id, "approve", "--flows", flows])
        #expect(badWord.status != 0)
        #expect(badWord.stderr.contains("the decision must be one of approved, declined, question"), "\(badWord.stderr)")
        #expect(try await home.text("SELECT status AS value FROM rights_reviews WHERE id = \(bind: review.id)") == "requested")

        let decide = try await home.run(["rights", "decide", review.id, "approved", "--note", "Approved for DE only", "--by", "rights@example.com", "--flows", flows])
        #expect(decide.succeeded, "\(decide.stderr)")
        #expect(decide.stdout.contains("Rights review \(review.id) is approved."))
        let stored = try await home.withStore { store in try await store.session { try await $0.rightsReview(id: review.id) } }
        #expect(stored?.status == "approved")
        #expect(stored?.decisionNote == "Approved for DE only")
        #expect(stored?.decidedBy == "rights@example.com")
        #expect(stored?.decidedAt != nil)
        let decided = try await home.events(type: "rights_review.decided")
        #expect(decided.count == 1)
        #expect(decided.first?.context["review"]?["status"]?.stringValue == "approved")
        let show = try await home.run(["rights", "show", review.id, "--flows", flows])
        #expect(try Self.object(show.stdout)["decision_note"] as? String == "Approved for DE only")
        let approved = try await home.run(["rights", "list", "--status", "approved", "--json", "--flows", flows])
        #expect((try Self.object(approved.stdout)["rights_reviews"] as? [Any])?.count == 1)
        let missing = try await home.run(["rights", "decide", "rvw_nope", "declined", "--flows", flows])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no rights review rvw_nope"))

        let signals = try await home.run(["signals", "list", "--flows", flows])
        #expect(signals.stdout.contains("No support signals."))
        let exceptions = try await home.run(["exceptions", "--json", "--flows", flows])
        #expect((try Self.object(exceptions.stdout)["exceptions"] as? [Any])?.isEmpty == true)
    }

    @Test func exceptionsAndLaunchesReflectThePolledCatalogue() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        try await ConsonanceHarness.withSandbox(Self.configuration(works: 30)) { sandbox, baseURL in
            try await home.connectConsonance(baseURL)
            // A product listed both for sale and not for sale in one country is a rights conflict.
            let conflicted = try #require(sandbox.products().first { $0.isbn13 != nil })
            try sandbox.setSalesRights(productID: conflicted.id, forSale: ["GB", "US"], notForSale: ["US"], worldwide: false)
            #expect(try await home.run(["sync", "consonance"]).succeeded)

            let open = try await home.withStore { store in try await store.session { try await $0.openExceptions() } }
            #expect(open.contains { $0.key == "product:\(conflicted.id):rights_conflict" && $0.kind == "rights_conflict" })
            let listed = try await home.run(["exceptions", "--json"])
            let exceptions = try Self.object(listed.stdout)["exceptions"] as? [[String: Any]] ?? []
            #expect(exceptions.count == open.count)
            let text = try await home.run(["exceptions"])
            #expect(text.stdout.contains("rights_conflict") && text.stdout.contains("product:\(conflicted.id):rights_conflict"), "\(text.stdout)")

            let today = sandbox.today
            let upcoming = sandbox.products().filter { product in
                guard let date = product.publicationDate else { return false }
                return date >= today && date <= today.adding(days: 365) && ["02", "04"].contains(product.publishingStatus)
            }
            let launches = try await home.run(["launches", "--days", "365"])
            #expect(launches.succeeded, "\(launches.stderr)")
            if let first = upcoming.min(by: { $0.publicationDate! < $1.publicationDate! }), let work = sandbox.work(id: first.workID) {
                #expect(launches.stdout.hasPrefix("Launches in the next 365 days"), "\(launches.stdout)")
                #expect(launches.stdout.contains("— \(work.title) (\(work.imprintName))"), "\(launches.stdout)")
            } else {
                #expect(launches.stdout.contains("No launches in the next 365 days."))
            }
        }
    }

    // MARK: report

    @Test func reportTitlesCountsTaggedTicketsPerTitleAndFormat() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        try await ConsonanceHarness.withSandbox(Self.configuration(works: 20)) { consonance, consonanceURL in
            try await SandboxHarness.withSandbox(SandboxHarness.testConfiguration(tickets: 5)) { zendesk, zendeskURL in
                let work = try #require(consonance.works().first { $0.productIDs.count >= 2 })
                let first = try #require(consonance.product(id: work.productIDs[0])?.isbn13)
                let second = try #require(consonance.product(id: work.productIDs[1])?.isbn13)
                let otherWork = try #require(consonance.works().first { $0.id != work.id && !$0.productIDs.isEmpty })
                let otherISBN = try #require(consonance.product(id: otherWork.productIDs[0])?.isbn13)
                for index in 0..<3 {
                    _ = try zendesk.createTicket(subject: "Typo on page \(index + 10)", body: "There is a typo.", tags: ["isbn_\(first)", "format_paperback"])
                }
                for index in 0..<2 {
                    _ = try zendesk.createTicket(subject: "Ebook will not open \(index)", body: "It does not open.", tags: ["isbn_\(second)", "format_ebook"])
                }
                _ = try zendesk.createTicket(subject: "Where is my copy", body: "Not arrived.", tags: ["isbn_\(otherISBN)", "format_paperback"])
                _ = try zendesk.createTicket(subject: "Unknown book", body: "?", tags: ["isbn_9780306406157"])

                let connect = try await home.run(["connect", "zendesk", "--url", zendeskURL, "--email", "admin@example.com", "--token", "sandbox-token"])
                #expect(connect.succeeded, "\(connect.stderr)")
                #expect(try await home.run(["sync", "zendesk", "--export-budget", "100000"]).succeeded)
                try await home.connectConsonance(consonanceURL)
                #expect(try await home.run(["sync", "consonance"]).succeeded)
                let label = try #require(try await home.text("SELECT title AS value FROM cn_products WHERE isbn13 = \(bind: first)"))
                let otherLabel = try #require(try await home.text("SELECT title AS value FROM cn_products WHERE isbn13 = \(bind: otherISBN)"))

                let byTitle = try await home.run(["report", "titles", "--by", "title"])
                #expect(byTitle.succeeded, "\(byTitle.stderr)")
                let rows = byTitle.stdout.split(separator: "\n").map { String($0) }
                #expect(rows.count == 3, "\(byTitle.stdout)")
                #expect(rows.first.map { $0.hasPrefix(label) && $0.hasSuffix("  5") } == true, "\(byTitle.stdout)")
                #expect(rows.contains { $0.hasPrefix(otherLabel) && $0.hasSuffix("  1") }, "\(byTitle.stdout)")
                #expect(rows.contains { $0.hasPrefix("ISBN 9780306406157 (not in Consonance)") && $0.hasSuffix("  1") }, "\(byTitle.stdout)")

                let byFormat = try await home.run(["report", "titles", "--by", "format"])
                #expect(byFormat.succeeded)
                let formatRows = byFormat.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
                #expect(formatRows == [["paperback", "4"], ["ebook", "2"]], "\(byFormat.stdout)")

                let csv = try await home.run(["report", "titles", "--by", "title", "--csv"])
                #expect(csv.succeeded)
                let csvLines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                #expect(csvLines.first == "title,tickets,isbns")
                #expect(csvLines.count == 5 && csvLines.last == "", "\(csv.stdout)")
                let quotedLabel = label.contains(",") ? "\"\(label)\"" : label
                #expect(csvLines[1].hasPrefix("\(quotedLabel),5,"), "\(csv.stdout)")
                #expect(Set(csvLines[1].dropFirst(quotedLabel.count + 3).split(separator: " ").map(String.init)) == [first, second], "\(csv.stdout)")

                let json = try await home.run(["report", "titles", "--by", "format", "--json"])
                let report = try Self.object(json.stdout)
                #expect(report["by"] as? String == "format")
                let jsonRows = report["rows"] as? [[String: Any]] ?? []
                #expect(jsonRows.map { $0["key"] as? String } == ["format_paperback", "format_ebook"])
                #expect(jsonRows.map { $0["tickets"] as? Int } == [4, 2])
                let titleJSON = try Self.object(try await home.run(["report", "titles", "--json"]).stdout)
                let titleRows = titleJSON["rows"] as? [[String: Any]] ?? []
                #expect(titleRows.first?["key"] as? String == "work:consonance:\(work.id)")
                #expect(Set(titleRows.first?["isbns"] as? [String] ?? []) == [first, second])

                let bad = try await home.run(["report", "titles", "--by", "author"])
                #expect(bad.status != 0)
                #expect(bad.stderr.contains("--by must be title, format or imprint"))
            }
        }
    }

    // MARK: calendar

    @Test func calendarExportWritesAValidICalendarAndURLPrintsTheFeedAddress() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        let flows = home.directory.file("flows")
        try FileManager.default.createDirectory(atPath: flows, withIntermediateDirectories: true)
        var milestoneIDs: [String] = []
        for (name, due) in [("Cover approval", "2027-02-01"), ("Proofs back", "2027-03-15")] {
            let added = try await home.run(["milestones", "add", name, "--due", due, "--json", "--flows", flows])
            milestoneIDs.append(try #require(try Self.object(added.stdout)["id"] as? String))
        }
        var taskIDs: [String] = []
        for (title, due) in [("Send proofs to author", "2027-01-15"), ("Brief the sales team", "2027-02-20")] {
            let added = try await home.run(["tasks", "add", title, "--due", due, "--json", "--flows", flows])
            taskIDs.append(try #require(try Self.object(added.stdout)["id"] as? String))
        }
        let undated = try Self.object(try await home.run(["tasks", "add", "Someday", "--json", "--flows", flows]).stdout)["id"] as? String

        let file = home.directory.file("publishing.ics")
        let export = try await home.run(["calendar", "export", "--output", file, "--flows", flows])
        #expect(export.succeeded, "\(export.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        let bytes = Array(text.utf8)
        let bareNewlines = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") && ($0 == 0 || bytes[$0 - 1] != UInt8(ascii: "\r")) }
        #expect(bareNewlines.isEmpty, "lines must end with CRLF")
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 4)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 4)
        for id in milestoneIDs { #expect(lines.filter { $0 == "UID:milestone-\(id)@switchboard" }.count == 1, "\(id)") }
        for id in taskIDs { #expect(lines.filter { $0 == "UID:task-\(id)@switchboard" }.count == 1, "\(id)") }
        #expect(undated.map { !text.contains($0) } == true)
        #expect(lines.contains("DTSTART;VALUE=DATE:20270115"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20270315"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "iCalendar lines are folded at 75 octets")

        let standardOutput = try await home.run(["calendar", "export", "--flows", flows])
        #expect(standardOutput.stdout.hasPrefix("BEGIN:VCALENDAR\r\n") && standardOutput.stdout.hasSuffix("END:VCALENDAR\r\n"))

        let url = try await home.run(["calendar", "url", "--admin-token", "T", "--public-url", "https://switchboard.example.com/"], database: false)
        #expect(url.succeeded, "\(url.stderr)")
        let token = PublishingCalendar.feedToken(adminToken: "T")
        #expect(url.stdout == "https://switchboard.example.com/calendar/publishing.ics?token=\(token)\n")
        #expect(!url.stdout.contains("token=T\n"))
        let defaultURL = try await home.run(["calendar", "url"], database: false, environment: ["SWITCHBOARD_ADMIN_TOKEN": "T"])
        #expect(defaultURL.stdout == "http://127.0.0.1:8080/calendar/publishing.ics?token=\(token)\n")
        let environmentURL = try await home.run(["calendar", "url", "--admin-token", "T"], database: false, environment: ["SWITCHBOARD_PUBLIC_URL": "https://env.example.com/"])
        #expect(environmentURL.stdout == "https://env.example.com/calendar/publishing.ics?token=\(token)\n")
        let noToken = try await home.run(["calendar", "url"], database: false)
        #expect(noToken.status != 0)
        #expect(noToken.stderr.contains("give the admin token serve runs with"))
    }

    static func object(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw FixtureError.failed("parse JSON", text)
        }
        return object
    }
}

/// A temporary `SWITCHBOARD_HOME` with its SQLite database, and the commands run against it.
private struct CLIHome {
    let directory: TemporaryDirectory
    var database: String { directory.file("switchboard.db") }

    init() throws {
        directory = try TemporaryDirectory()
    }

    func remove() { directory.remove() }

    /// `switchboard <arguments> --db <database>`; `input` is written to standard input.
    func run(_ arguments: [String], database: Bool = true, environment: [String: String] = [:], input: String? = nil) async throws -> CLIProcess.Result {
        var environment = environment
        // Hermetic: nothing from the environment the tests run in (an empty value counts as unset).
        for name in ["SWITCHBOARD_CONSONANCE_KEY", "SWITCHBOARD_ADMIN_TOKEN", "SWITCHBOARD_PUBLIC_URL"] where environment[name] == nil { environment[name] = "" }
        let cli = CLIProcess(home: directory.path, extra: environment)
        let arguments = arguments + (database ? ["--db", self.database] : [])
        guard let input else { return try await cli.run(arguments, timeout: .seconds(300)) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIProcess.binary)
        process.arguments = arguments
        process.environment = cli.environment
        let stdout = Pipe(), stderr = Pipe(), stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        let running = RunningProcess(process: process, stdout: stdout, stderr: stderr)
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        return try await running.wait(timeout: .seconds(300))
    }

    func connectConsonance(_ baseURL: String) async throws {
        let result = try await run(["connect", "consonance", "--url", baseURL, "--key", ConsonanceSandboxConfiguration.defaultAPIKey, "--contract-probe-gap", "3"])
        guard result.succeeded else { throw FixtureError.failed("connect consonance", result.stderr) }
    }

    func withStore<T: Sendable>(_ body: (Store) async throws -> T) async throws -> T {
        try await Store.using(.sqlite(path: database), body)
    }

    func connections() async throws -> [ConnectionRecord] {
        try await withStore { store in try await store.session { try await $0.connections() } }
    }

    func count(_ query: SQLQueryString) async throws -> Int64 {
        try await withStore { store in try await store.session { try await $0.scalar(query) } }
    }

    /// The `value` column of the first row, as text.
    func text(_ query: SQLQueryString) async throws -> String? {
        try await withStore { store in
            try await store.session { session in
                guard let row = try await session.rows(query).first, try !row.decodeNil(column: "value") else { return nil }
                return try row.decode(column: "value", as: String.self)
            }
        }
    }

    func events(type: String) async throws -> [EventRecord] {
        try await withStore { store in try await store.session { try await $0.events(limit: 10_000) } }.filter { $0.type == type }
    }

    /// Whether `text` occurs in the bytes of the database file or its journal / WAL files.
    func databaseBytesContain(_ text: String) throws -> Bool {
        let needle = Data(text.utf8)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("switchboard.db") }
        guard !names.isEmpty else { throw FixtureError.failed("read the database", "no database file in \(directory.path)") }
        return try names.contains { name in
            try Data(contentsOf: URL(fileURLWithPath: directory.file(name))).range(of: needle) != nil
        }
    }
}
