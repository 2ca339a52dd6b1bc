import Foundation
import SQLKit

/// Rights review requests and their decisions (see ``RightsReview``).
extension StoreSession {
    /// Insert the request, or return the one created earlier from the same `originKey`.
    public func createRightsReview(_ review: RightsReview) async throws -> (review: RightsReview, created: Bool) {
        let inserted = try await rows("""
            INSERT INTO rights_reviews (id, origin_key, status, question, right_type, territory, requested_by, connection, ticket_id, work_id, isbn13,
                                        title, decision_note, decided_by, decided_at, weblink_id, created_at, updated_at)
            VALUES (\(bind: review.id), \(SQLValue.text(review.originKey)), \(bind: review.status), \(SQLValue.text(review.question)),
                    \(SQLValue.text(review.rightType)), \(SQLValue.text(review.territory)), \(SQLValue.text(review.requestedBy)),
                    \(SQLValue.text(review.connection)), \(SQLValue.int(review.ticketID)), \(SQLValue.int(review.workID)), \(SQLValue.text(review.isbn13)),
                    \(SQLValue.text(review.title)), \(SQLValue.text(review.decisionNote)), \(SQLValue.text(review.decidedBy)), \(SQLValue.int(review.decidedAt)),
                    \(SQLValue.int(review.weblinkID)), \(bind: review.createdAt), \(bind: review.updatedAt))
            ON CONFLICT (origin_key) DO NOTHING RETURNING id
            """)
        if !inserted.isEmpty { return (review, true) }
        guard let originKey = review.originKey, let existing = try await rows("SELECT * FROM rights_reviews WHERE origin_key = \(bind: originKey)").first else {
            throw StoreError.notFound("rights review with origin \(review.originKey ?? "?")")
        }
        return (try RightsReview(row: existing), false)
    }

    public func rightsReview(id: String) async throws -> RightsReview? {
        try await rows("SELECT * FROM rights_reviews WHERE id = \(bind: id)").first.map(RightsReview.init(row:))
    }

    public func rightsReviews(status: String? = nil, limit: Int = 200) async throws -> [RightsReview] {
        var query: SQLQueryString = "SELECT * FROM rights_reviews"
        if let status { query += " WHERE status = \(bind: status)" }
        query += " ORDER BY created_at DESC, id LIMIT \(literal: limit)"
        return try await rows(query).map(RightsReview.init(row:))
    }

    /// Record a decision (`approved`, `declined` or `question`). Returns the review before and after, or nil when
    /// there is no such review.
    public func decideRightsReview(id: String, decision: String, note: String?, by: String?, now: Int64) async throws -> (before: RightsReview, after: RightsReview)? {
        guard let before = try await rightsReview(id: id) else { return nil }
        try await run("""
            UPDATE rights_reviews SET status = \(bind: decision), decision_note = \(SQLValue.text(note)), decided_by = \(SQLValue.text(by)),
                decided_at = \(bind: now), updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """)
        var after = before
        after.status = decision
        after.decisionNote = note
        after.decidedBy = by
        after.decidedAt = now
        after.updatedAt = now
        return (before, after)
    }

    public func setRightsReviewWebLink(id: String, weblinkID: Int64) async throws {
        try await run("UPDATE rights_reviews SET weblink_id = \(bind: weblinkID) WHERE id = \(bind: id)")
    }
}

extension RightsReview {
    init(row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id", as: String.self), originKey: try row.decode(column: "origin_key", as: String?.self),
                  status: try row.decode(column: "status", as: String.self), question: try row.decode(column: "question", as: String?.self),
                  rightType: try row.decode(column: "right_type", as: String?.self), territory: try row.decode(column: "territory", as: String?.self),
                  requestedBy: try row.decode(column: "requested_by", as: String?.self), connection: try row.decode(column: "connection", as: String?.self),
                  ticketID: try row.decode(column: "ticket_id", as: Int64?.self), workID: try row.decode(column: "work_id", as: Int64?.self),
                  isbn13: try row.decode(column: "isbn13", as: String?.self), title: try row.decode(column: "title", as: String?.self),
                  decisionNote: try row.decode(column: "decision_note", as: String?.self), decidedBy: try row.decode(column: "decided_by", as: String?.self),
                  decidedAt: try row.decode(column: "decided_at", as: Int64?.self), weblinkID: try row.decode(column: "weblink_id", as: Int64?.self),
                  createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }
}
