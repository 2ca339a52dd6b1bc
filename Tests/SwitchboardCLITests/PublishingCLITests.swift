import Foundation
import LooseJSON
import Sandbox
import SQLKit
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The publishing-record commands — tasks, milestones, rights, exceptions, launches, the support report and the
/// calendar — run as real processes against in-process sandboxes, checked in their output and in the database.
@Suite struct PublishingCLITests {
    static let key = ConsonanceCLITests.key
    static func configuration(works: Int, seed: UInt64 = 3) -> ConsonanceSandboxConfiguration { ConsonanceCLITests.configuration(works: works, seed: seed) }
    static func object(_ text: String) throws -> [String: Any] { try ConsonanceCLITests.object(text) }

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
}
