import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Royalty statements: imported whole or not at all (CSV or admin API), each new one with `royalty_statement.ready`
/// in the same transaction; a statement imported again is recognised by its identity and announces nothing. Payee
/// answers are kept on the statement with `royalty_statement.acknowledged` or `royalty_statement.payment_issue`.
extension PublishingRecords {
    /// What an import did.
    public struct RoyaltyImport: Sendable {
        public var created: [RoyaltyStatement]
        /// Statements that were imported before (same id, or same payee, period and title).
        public var unchanged: [RoyaltyStatement]
    }

    /// Check that every payee named by contact id or number is in the directory; one problem per bad row.
    public func royaltyPayeeProblems(_ rows: [RoyaltyStatementRow]) async throws -> [ContactsCSVProblem] {
        try await store.session { session in
            var problems: [ContactsCSVProblem] = []
            for row in rows {
                guard let payee = row.payee else { continue }
                let known: MessagingContact?
                if payee.hasPrefix("wac_") { known = try await session.contact(id: payee) } else { known = try await session.contact(phone: try PhoneNumber(parsing: payee)) }
                if known == nil {
                    problems.append(ContactsCSVProblem(line: row.line, field: "payee",
                                                       message: "\(payee) is not in the contacts directory (add them with switchboard contacts add or import)"))
                }
            }
            return problems
        }
    }

    /// Import checked rows in one transaction (the caller checks ``royaltyPayeeProblems(_:)`` first).
    public func importRoyaltyStatements(_ rows: [RoyaltyStatementRow], source: String) async throws -> RoyaltyImport {
        let runtime = self.runtime, context = statementContext
        let now = Int64(Date().timeIntervalSince1970)
        return try await store.transaction { session in
            var result = RoyaltyImport(created: [], unchanged: [])
            for row in rows {
                let statement = RoyaltyStatement(identityKey: row.identityKey, externalID: row.externalID, payee: row.payee, payeeName: row.payeeName, isbn13: row.isbn13,
                                                 title: row.title, period: row.period, label: row.label, amount: row.amount, currency: row.currency, source: source,
                                                 createdAt: now)
                let (stored, created) = try await session.createRoyaltyStatement(statement)
                guard created else { result.unchanged.append(stored); continue }
                result.created.append(stored)
                try await runtime.ingest(Self.event("royalty_statement.ready", "statement:\(stored.id):ready", ["statement": context(stored)]), in: session)
            }
            return result
        }
    }

    /// Record a payee's answer (`acknowledge` or `payment_issue`) once per message. `newIssue` is true only for the
    /// first payment issue reported on the statement, so finance is told once.
    func answerStatement(id: String, wamid: String, issue: Bool, contactID: String?, contactName: String?) async throws -> (statement: RoyaltyStatement, newIssue: Bool) {
        let runtime = self.runtime, context = statementContext
        let now = Int64(Date().timeIntervalSince1970)
        return try await store.transaction { session in
            guard let before = try await session.royaltyStatement(id: id) else { throw ActionError.permanent("no royalty statement \(id)", response: nil) }
            let after: RoyaltyStatement?
            if issue {
                after = try await session.reportRoyaltyPaymentIssue(id: id, by: contactID, name: contactName, at: now)
            } else {
                after = try await session.acknowledgeRoyaltyStatement(id: id, by: contactID, name: contactName, at: now)
            }
            let statement = after ?? before
            let type = issue ? "royalty_statement.payment_issue" : "royalty_statement.acknowledged"
            let accepted = try await runtime.ingest(Self.event(type, "statement:\(id):\(issue ? "payment_issue" : "acknowledged"):\(wamid)", ["statement": context(statement)]),
                                                    in: session)
            let isNew: Bool
            if case .accepted = accepted { isNew = true } else { isNew = false }
            return (statement, issue && before.issueReportedAt == nil && isNew)
        }
    }

    func statementContext(_ statement: RoyaltyStatement) -> JSONValue {
        .object(["id": .string(statement.id), "status": .string(statement.status), "payee": Self.text(statement.payee), "payee_name": Self.text(statement.payeeName),
                 "isbn13": Self.text(statement.isbn13), "title": Self.text(statement.title), "period": .string(statement.period),
                 "label": .string(statement.displayLabel), "amount": Self.text(statement.amount), "currency": Self.text(statement.currency),
                 "acknowledged_by_name": Self.text(statement.acknowledgedByName), "issue_reported_by_name": Self.text(statement.issueReportedByName),
                 "url": .string(url("royalty-statements", statement.id))])
    }
}
