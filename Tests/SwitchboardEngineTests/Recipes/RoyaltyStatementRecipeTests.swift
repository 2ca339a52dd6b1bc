import Foundation
import Sandbox
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// Recipe royalty-statements (Consonance ↔ WhatsApp 7), end to end: statements imported, payees told with the
/// approved template, acknowledgements kept, payment issues flagged to finance.
@Suite struct RoyaltyStatementRecipeTests {
    static let author = "447700900401", agent = "447700900402", payee = "447700900403", finance = "447700900404"

    @Test func payeesAreToldOnceAcknowledgementsAreKeptAndPaymentIssuesReachFinance() async throws {
        try await RecipeHarness.with(recipes: ["royalty-statements": [:]], whatsapp: true) { h in
            let (product, _) = try await h.titleWithISBN()
            let isbn = try #require(product.isbn13)
            let ada = try await h.addContact("Ada Author", waID: Self.author, roles: [.author], isbn13: isbn)
            try await h.addContact("Al Agent", waID: Self.agent, roles: [.agent], isbn13: isbn)
            let pat = try await h.addContact("Pat Payee", waID: Self.payee, roles: [.author])
            try await h.addContact("Fin Finance", waID: Self.finance, roles: [.finance])
            let csv = """
                Payee,Payee name,ISBN,Title,Period,Label,Amount,Currency
                +44 7700 900403,Pat Payee,,,2025-H1,Backlist titles,1234.56,gbp
                ,,\(isbn),The Title,Jan–Jun 2025,,88.10,GBP
                """
            let file = RoyaltyStatementsCSV(text: csv, source: "royalties.csv")
            #expect(file.problems.isEmpty)
            let first = try await h.records.importRoyaltyStatements(file.rows, source: "royalties.csv")
            #expect(first.created.count == 2)
            try await h.settle()

            let toPat = try h.latestMessage(to: Self.payee)
            #expect(toPat.templateName == "royalty_statement_ready")
            #expect(toPat.templateParameters == ["Backlist titles", "2025-H1"])
            for waID in [Self.author, Self.agent] {
                #expect(try h.messages(to: waID).map(\.templateParameters) == [["The Title", "Jan–Jun 2025"]])
            }

            let again = try await h.records.importRoyaltyStatements(RoyaltyStatementsCSV(text: csv, source: "royalties.csv").rows, source: "royalties.csv")
            #expect(again.created.isEmpty && again.unchanged.count == 2)
            try await h.settle()
            #expect(try h.messages(to: Self.payee).count == 1, "importing the same file twice notifies nobody twice")

            try h.tap("acknowledge", latestTo: Self.author)
            try h.tap("payment_issue", latestTo: Self.payee)
            try await h.settle()
            let titleStatement = try #require(first.created.first { $0.isbn13 == isbn })
            let acknowledged = try #require(try await h.store.session { try await $0.royaltyStatement(id: titleStatement.id) })
            #expect(acknowledged.status == "acknowledged")
            #expect(acknowledged.acknowledgedBy == ada.id)
            #expect(acknowledged.acknowledgedByName == "Ada Author")
            #expect(acknowledged.acknowledgedAt != nil)
            #expect(try h.latestMessage(to: Self.author).body?.contains("noted") == true)

            let patStatement = try #require(first.created.first { $0.payee == "+447700900403" })
            let flagged = try #require(try await h.store.session { try await $0.royaltyStatement(id: patStatement.id) })
            #expect(flagged.status == "payment_issue")
            #expect(flagged.issueReportedBy == pat.id)
            let tasks = try await h.store.session { try await $0.tasks() }
            #expect(tasks.count == 1)
            #expect(tasks.first?.owner == "finance")
            #expect(tasks.first?.title == "Payment issue: Pat Payee on the royalty statement for Backlist titles (2025-H1)")
            let notice = try h.latestMessage(to: Self.finance)
            #expect(notice.templateName == "switchboard_notice")
            #expect(notice.templateParameters.first?.contains("Payment issue reported by Pat Payee") == true)
            #expect(notice.templateParameters.first?.contains(tasks.first?.id ?? "?") == true)
            #expect(try h.latestMessage(to: Self.payee).body?.contains("finance team") == true)

            // A second tap on Payment issue does not alert finance again.
            try h.tap("payment_issue", latestTo: Self.payee)
            try await h.settle()
            #expect(try h.messages(to: Self.finance).count == 1)
        }
    }

    @Test func theAdminAPIImportsAllOrNothingAndNamesEveryProblem() async throws {
        try await RecipeHarness.with(recipes: ["royalty-statements": [:]], whatsapp: true) { h in
            let pat = try await h.addContact("Pat Payee", waID: Self.payee, roles: [.author])
            let bad = try await h.admin("POST", "royalty-statements", json: ["statements": [
                ["payee": pat.id, "period": "2025-H1", "amount": "12.00"],
                ["payee": "wac_missing", "period": "2025-H1"],
                ["payee": pat.id, "amount": "1,200"],
            ]])
            #expect(bad.status == 422)
            #expect(bad.body["errors"] as? [String] == [
                "statement 2: payee: wac_missing is not in the contacts directory (add them with switchboard contacts add or import)",
                "statement 3: period: is empty; write the statement period, e.g. 2025-H1 or Jan–Jun 2025",
                "statement 3: amount: \"1,200\" is not a number (write 1234.56, without thousands separators or a currency sign)",
            ])
            let unknown = try await h.admin("POST", "royalty-statements", json: ["payee": "wac_missing", "period": "2025-H1"])
            #expect(unknown.status == 422)
            #expect((unknown.body["errors"] as? [String])?.first?.contains("wac_missing is not in the contacts directory") == true)
            #expect(try await h.store.session { try await $0.royaltyStatements() }.isEmpty)

            let created = try await h.admin("POST", "royalty-statements", csv: "id,payee,period\nST-1,\(pat.id),2025-H2\n")
            #expect(created.status == 201)
            #expect(created.body["created"] as? Int == 1)
            let repeated = try await h.admin("POST", "royalty-statements", json: ["id": "ST-1", "payee": pat.id, "period": "2025-H2"])
            #expect(repeated.status == 200)
            #expect(repeated.body["unchanged"] as? Int == 1)
            try await h.settle()
            #expect(try h.messages(to: Self.payee).count == 1)
        }
    }

    @Test func aStatementFileWithMistakesNamesTheFileLineAndColumnOfEach() {
        let file = RoyaltyStatementsCSV(text: """
            payee,isbn,period,amount,currency,colour
            +44 7700 900403,,2025-H1,10,GBP,red
            """, source: "statements.csv")
        #expect(file.problems.map(\.description) == ["line 1: header: unknown column \"colour\" (known: id, payee, payee_name, isbn, title, period, label, amount, currency)"])

        let rows = RoyaltyStatementsCSV(text: """
            payee,isbn,period,amount,currency
            +44 7700 900403,,2025-H1,10,GBP
            12,978-0-306-40615-8,,ten,pounds
            ,,2025-H1,,
            +44 7700 900403,,2025-h1,,
            """, source: "statements.csv")
        #expect(rows.rows.count == 1)
        #expect(rows.problems.map(\.description) == [
            "line 3: period: is empty; write the statement period, e.g. 2025-H1 or Jan–Jun 2025",
            "line 3: payee: \"12\" is neither a contact id (wac_…) nor a phone number: " + phoneProblem("12"),
            "line 3: isbn: \"978-0-306-40615-8\" is not a valid ISBN (wrong length or check digit)",
            "line 3: amount: \"ten\" is not a number (write 1234.56, without thousands separators or a currency sign)",
            "line 3: currency: \"pounds\" is not a three-letter currency code (GBP, EUR, USD)",
            "line 4: payee: is empty and so is isbn; give the payee (a contact id or phone number) or the title's ISBN (its author and agent contacts are notified)",
            "line 5: row: the same statement as line 2 (same payee, period and title)",
        ])
    }

    private func phoneProblem(_ text: String) -> String {
        do { _ = try PhoneNumber(parsing: text); return "" } catch { return error.description }
    }
}
