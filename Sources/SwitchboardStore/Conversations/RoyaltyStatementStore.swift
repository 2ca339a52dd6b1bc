import Foundation
import SQLKit

/// Royalty statements and what their payees answered (see ``RoyaltyStatement``).
extension StoreSession {
    /// Insert the statement unless one with the same identity exists; `created` tells which, with the stored one.
    public func createRoyaltyStatement(_ statement: RoyaltyStatement) async throws -> (statement: RoyaltyStatement, created: Bool) {
        let s = statement
        let inserted = try await rows("""
            INSERT INTO royalty_statements (id, identity_key, external_id, payee, payee_name, isbn13, title, period, label, amount, currency, source, status,
                                            acknowledged_by, acknowledged_by_name, acknowledged_at, issue_reported_by, issue_reported_by_name, issue_reported_at,
                                            created_at, updated_at)
            VALUES (\(bind: s.id), \(bind: s.identityKey), \(SQLValue.text(s.externalID)), \(SQLValue.text(s.payee)), \(SQLValue.text(s.payeeName)),
                    \(SQLValue.text(s.isbn13)), \(SQLValue.text(s.title)), \(bind: s.period), \(SQLValue.text(s.label)), \(SQLValue.text(s.amount)),
                    \(SQLValue.text(s.currency)), \(SQLValue.text(s.source)), \(bind: s.status), NULL, NULL, NULL, NULL, NULL, NULL, \(bind: s.createdAt), \(bind: s.updatedAt))
            ON CONFLICT (identity_key) DO NOTHING RETURNING id
            """)
        if !inserted.isEmpty { return (statement, true) }
        guard let existing = try await rows("SELECT * FROM royalty_statements WHERE identity_key = \(bind: s.identityKey)").first else {
            throw StoreError.notFound("royalty statement \(s.identityKey)")
        }
        return (try RoyaltyStatement(row: existing), false)
    }

    public func royaltyStatement(id: String) async throws -> RoyaltyStatement? {
        try await rows("SELECT * FROM royalty_statements WHERE id = \(bind: id)").first.map(RoyaltyStatement.init(row:))
    }

    public func royaltyStatements(status: String? = nil, limit: Int = 200) async throws -> [RoyaltyStatement] {
        var query: SQLQueryString = "SELECT * FROM royalty_statements"
        if let status { query += " WHERE status = \(bind: status)" }
        query += " ORDER BY created_at DESC, id LIMIT \(literal: limit)"
        return try await rows(query).map(RoyaltyStatement.init(row:))
    }

    /// The payee acknowledged the statement: the first acknowledgement is kept (who and when); a statement with a
    /// payment issue stays `payment_issue`. Returns the statement after, or nil when there is none.
    public func acknowledgeRoyaltyStatement(id: String, by contactID: String?, name: String?, at time: Int64) async throws -> RoyaltyStatement? {
        try await run("""
            UPDATE royalty_statements SET acknowledged_by = \(SQLValue.text(contactID)), acknowledged_by_name = \(SQLValue.text(name)),
                acknowledged_at = \(bind: time), status = CASE WHEN status = 'payment_issue' THEN status ELSE 'acknowledged' END, updated_at = \(bind: time)
            WHERE id = \(bind: id) AND acknowledged_at IS NULL
            """)
        return try await royaltyStatement(id: id)
    }

    /// The payee reported a payment issue (the first report is kept). Returns the statement after, or nil.
    public func reportRoyaltyPaymentIssue(id: String, by contactID: String?, name: String?, at time: Int64) async throws -> RoyaltyStatement? {
        try await run("""
            UPDATE royalty_statements SET issue_reported_by = \(SQLValue.text(contactID)), issue_reported_by_name = \(SQLValue.text(name)),
                issue_reported_at = \(bind: time), status = 'payment_issue', updated_at = \(bind: time)
            WHERE id = \(bind: id) AND issue_reported_at IS NULL
            """)
        return try await royaltyStatement(id: id)
    }
}

extension RoyaltyStatement {
    init(row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id", as: String.self), identityKey: try row.decode(column: "identity_key", as: String.self),
                  externalID: try row.decode(column: "external_id", as: String?.self), payee: try row.decode(column: "payee", as: String?.self),
                  payeeName: try row.decode(column: "payee_name", as: String?.self), isbn13: try row.decode(column: "isbn13", as: String?.self),
                  title: try row.decode(column: "title", as: String?.self), period: try row.decode(column: "period", as: String.self),
                  label: try row.decode(column: "label", as: String?.self), amount: try row.decode(column: "amount", as: String?.self),
                  currency: try row.decode(column: "currency", as: String?.self), source: try row.decode(column: "source", as: String?.self),
                  status: try row.decode(column: "status", as: String.self), acknowledgedBy: try row.decode(column: "acknowledged_by", as: String?.self),
                  acknowledgedByName: try row.decode(column: "acknowledged_by_name", as: String?.self),
                  acknowledgedAt: try row.decode(column: "acknowledged_at", as: Int64?.self),
                  issueReportedBy: try row.decode(column: "issue_reported_by", as: String?.self),
                  issueReportedByName: try row.decode(column: "issue_reported_by_name", as: String?.self),
                  issueReportedAt: try row.decode(column: "issue_reported_at", as: Int64?.self),
                  createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }
}
