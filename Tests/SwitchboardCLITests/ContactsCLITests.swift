import Foundation
import SQLKit
import SwitchboardTestSupport
import Testing

/// `switchboard contacts …` and `switchboard templates …` as real processes on a temporary database: a CSV import
/// reports every bad row with its line and writes nothing, a good one is imported whole, and the directory lists,
/// links, opts in and out, and removes.
@Suite struct ContactsCLITests {
    static let badCSV = """
        name,phone,roles,isbns,opted_in
        Ada Author,+44 7700 900123,author,9780306406157,yes
        Bob,12,editorr,,
        Cy Editor,+447700900125,editor,,maybe
        """

    static let goodCSV = """
        name,phone,email,roles,isbns,opted_in
        Ada Author,+44 7700 900123,ada@example.com,author,9780306406157,yes
        Cy Editor,+447700900125,,editor;production lead,,no
        """

    @Test func importReportsEveryBadRowThenImportsAGoodListWhole() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        let bad = home.directory.file("bad.csv")
        let good = home.directory.file("good.csv")
        try Self.badCSV.write(toFile: bad, atomically: true, encoding: .utf8)
        try Self.goodCSV.write(toFile: good, atomically: true, encoding: .utf8)

        let failed = try await home.run(["contacts", "import", bad])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("bad.csv: line 3: phone: \"12\" has no country code"), "\(failed.stderr)")
        #expect(failed.stderr.contains("bad.csv: line 3: roles: \"editorr\" is not a role"))
        #expect(failed.stderr.contains("bad.csv: line 4: opted_in:"), "\(failed.stderr)")
        #expect(failed.stderr.contains("3 problems in \(bad); nothing was imported"), "\(failed.stderr)")
        #expect(try await home.count("SELECT COUNT(*) AS value FROM wa_contacts") == 0)

        let imported = try await home.run(["contacts", "import", good])
        #expect(imported.succeeded, "\(imported.stderr)")
        #expect(imported.stderr.contains("Reading \(good)"))
        #expect(imported.stdout.contains("Imported 2 rows from \(good): 2 created, 0 updated, 0 unchanged, 1 title links, 1 opted in."), "\(imported.stdout)")
        #expect(try await home.count("SELECT COUNT(*) AS value FROM wa_contacts") == 2)
        let again = try await home.run(["contacts", "import", good, "--json"])
        #expect(again.succeeded)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(summary["unchanged"] as? Int == 2)
        #expect(summary["created"] as? Int == 0)

        let list = try await home.run(["contacts", "list"])
        #expect(list.succeeded)
        let rows = list.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasPrefix("ID ") == true)
        #expect(rows.count == 3)
        #expect(rows.contains { $0.contains("Ada Author") && $0.contains("+447700900123") && $0.contains("author") && $0.contains("opted in") }, "\(list.stdout)")
        #expect(rows.contains { $0.contains("Cy Editor") && $0.contains("editor,production_lead") && $0.contains("not opted in") })
        let editors = try await home.run(["contacts", "list", "--role", "production lead", "--json"])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(editors.stdout.utf8)) as? [String: Any])
        #expect((listed["contacts"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Cy Editor"])
        let onTitle = try await home.run(["contacts", "list", "--title", "9780306406157"])
        #expect(onTitle.stdout.contains("Ada Author") && !onTitle.stdout.contains("Cy Editor"), "\(onTitle.stdout)")

        // add, link, opt-out, show, remove.
        let refused = try await home.run(["contacts", "add", "Dee", "--phone", "12"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("phone: \"12\" has no country code"), "\(refused.stderr)")
        let added = try await home.run(["contacts", "add", "Dee Designer", "--phone", "+44 7700 900126", "--roles", "designer", "--opted-in"])
        #expect(added.succeeded, "\(added.stderr)")
        let id = try #require(added.stdout.firstMatch(of: /Added (wac_[0-9a-f]+): Dee Designer \+447700900126 \(opted in\)/).map { String($0.1) }, "\(added.stdout)")
        let linked = try await home.run(["contacts", "link", id, "9780306406157", "--role", "designer"])
        #expect(linked.succeeded, "\(linked.stderr)")
        let badLink = try await home.run(["contacts", "link", id, "9780306406158", "--role", "designer"])
        #expect(badLink.status != 0)
        #expect(badLink.stderr.contains("title: \"9780306406158\" is not a valid ISBN"), "\(badLink.stderr)")
        let out = try await home.run(["contacts", "opt-out", id, "--reason", "asked by phone"])
        #expect(out.stdout.contains("(opted out)"), "\(out.stdout)")
        let shown = try await home.run(["contacts", "show", id])
        let contact = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(contact["opt_out_reason"] as? String == "asked by phone")
        #expect((contact["titles"] as? [[String: Any]])?.first?["role"] as? String == "designer")
        #expect(try await home.run(["contacts", "remove", id]).stdout.contains("Removed \(id)."))
        let missing = try await home.run(["contacts", "show", id])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no contact \(id)"))
    }

    @Test func templatesAreRegisteredApprovedAndListed() async throws {
        let home = try CLIHome()
        defer { home.remove() }
        let set = try await home.run(["templates", "set", "rights_approval_request", "--language", "en_US", "--status", "approved", "--body-params", "3",
                                      "--buttons", "Approve,Decline"])
        #expect(set.succeeded, "\(set.stderr)")
        #expect(set.stdout.contains("Template rights_approval_request (en_US) is approved: 3 body parameters, buttons Approve, Decline."), "\(set.stdout)")
        let paused = try await home.run(["templates", "set", "rights_approval_request", "--status", "paused"])
        #expect(paused.stdout.contains("is paused: 3 body parameters"), "\(paused.stdout)")
        let list = try await home.run(["templates", "list"])
        #expect(list.stdout.split(separator: "\n").contains { $0.contains("rights_approval_request") && $0.contains("paused") && $0.contains("Approve,Decline") }, "\(list.stdout)")
        let bad = try await home.run(["templates", "set", "x", "--status", "great"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("status: \"great\" is not a template status"), "\(bad.stderr)")
        #expect(try await home.text("SELECT status AS value FROM wa_templates WHERE name = 'rights_approval_request'") == "paused")
    }
}
