import Foundation
import SQLKit

/// Publishing milestones (see ``PublishingMilestone``).
extension StoreSession {
    /// Insert a milestone, or — when one with the same `originKey` exists — bring its name, kind, date and title up
    /// to date (a slipped delivery date moves the milestone; its status is kept, and a title, work or ISBN the new
    /// copy leaves out is kept too). Returns the stored milestone.
    @discardableResult
    public func upsertMilestone(_ given: PublishingMilestone) async throws -> PublishingMilestone {
        if let originKey = given.originKey, let row = try await rows("SELECT * FROM pub_milestones WHERE origin_key = \(bind: originKey)").first {
            var existing = try PublishingMilestone(row: row)
            var milestone = given
            milestone.title = given.title ?? existing.title
            milestone.workID = given.workID ?? existing.workID
            milestone.isbn13 = given.isbn13 ?? existing.isbn13
            guard existing.name != milestone.name || existing.kind != milestone.kind || existing.dueOn != milestone.dueOn || existing.title != milestone.title
                    || existing.workID != milestone.workID || existing.isbn13 != milestone.isbn13 else { return existing }
            try await run("""
                UPDATE pub_milestones SET name = \(bind: milestone.name), kind = \(bind: milestone.kind), due_on = \(bind: milestone.dueOn),
                    title = \(SQLValue.text(milestone.title)), work_id = \(SQLValue.int(milestone.workID)), isbn13 = \(SQLValue.text(milestone.isbn13)),
                    updated_at = \(bind: milestone.updatedAt)
                WHERE id = \(bind: existing.id)
                """)
            existing.name = milestone.name
            existing.kind = milestone.kind
            existing.dueOn = milestone.dueOn
            existing.title = milestone.title
            existing.workID = milestone.workID
            existing.isbn13 = milestone.isbn13
            existing.updatedAt = milestone.updatedAt
            return existing
        }
        let milestone = given
        try await run("""
            INSERT INTO pub_milestones (id, origin_key, name, kind, due_on, owner, work_id, isbn13, title, status, done_at, weblink_id, created_at, updated_at)
            VALUES (\(bind: milestone.id), \(SQLValue.text(milestone.originKey)), \(bind: milestone.name), \(bind: milestone.kind), \(bind: milestone.dueOn),
                    \(SQLValue.text(milestone.owner)), \(SQLValue.int(milestone.workID)), \(SQLValue.text(milestone.isbn13)), \(SQLValue.text(milestone.title)),
                    \(bind: milestone.status), \(SQLValue.int(milestone.doneAt)), \(SQLValue.int(milestone.weblinkID)), \(bind: milestone.createdAt),
                    \(bind: milestone.updatedAt))
            """)
        return milestone
    }

    public func milestone(id: String) async throws -> PublishingMilestone? {
        try await rows("SELECT * FROM pub_milestones WHERE id = \(bind: id)").first.map(PublishingMilestone.init(row:))
    }

    public func milestone(originKey: String) async throws -> PublishingMilestone? {
        try await rows("SELECT * FROM pub_milestones WHERE origin_key = \(bind: originKey)").first.map(PublishingMilestone.init(row:))
    }

    /// Milestones, earliest first: optionally only open ones, of one kind, due within `dueFrom…dueBy` (`YYYY-MM-DD`).
    public func milestones(openOnly: Bool = false, kind: String? = nil, dueFrom: String? = nil, dueBy: String? = nil, limit: Int = 5000) async throws -> [PublishingMilestone] {
        var query: SQLQueryString = "SELECT * FROM pub_milestones WHERE 1 = 1"
        if openOnly { query += " AND status = 'open'" }
        if let kind { query += " AND kind = \(bind: kind)" }
        if let dueFrom { query += " AND due_on >= \(bind: dueFrom)" }
        if let dueBy { query += " AND due_on <= \(bind: dueBy)" }
        query += " ORDER BY due_on, id LIMIT \(literal: limit)"
        return try await rows(query).map(PublishingMilestone.init(row:))
    }

    /// Every milestone of a title — by its work, or by one of its ISBNs — earliest first.
    public func milestones(workID: Int64?, isbn13s: [String]) async throws -> [PublishingMilestone] {
        guard workID != nil || !isbn13s.isEmpty else { return [] }
        var query: SQLQueryString = "SELECT * FROM pub_milestones WHERE 1 = 0"
        if let workID { query += " OR work_id = \(bind: workID)" }
        for isbn in isbn13s { query += " OR isbn13 = \(bind: isbn)" }
        query += " ORDER BY due_on, id"
        return try await rows(query).map(PublishingMilestone.init(row:))
    }

    public func setMilestoneWebLink(id: String, weblinkID: Int64) async throws {
        try await run("UPDATE pub_milestones SET weblink_id = \(bind: weblinkID) WHERE id = \(bind: id)")
    }

    /// Mark every open milestone of `kind` due on or before `dueBy` done (a publication day that has come);
    /// returns how many.
    @discardableResult
    public func completeMilestones(kind: String, dueBy: String, now: Int64) async throws -> Int {
        try await rows("""
            UPDATE pub_milestones SET status = 'done', done_at = \(bind: now), updated_at = \(bind: now)
            WHERE kind = \(bind: kind) AND status = 'open' AND due_on <= \(bind: dueBy) RETURNING id
            """).count
    }

    /// Mark a milestone done (or open again). Returns it, or nil when there is no such milestone.
    public func setMilestoneStatus(id: String, done: Bool, now: Int64) async throws -> PublishingMilestone? {
        guard var milestone = try await milestone(id: id) else { return nil }
        milestone.status = done ? "done" : "open"
        milestone.doneAt = done ? (milestone.doneAt ?? now) : nil
        milestone.updatedAt = now
        try await run("""
            UPDATE pub_milestones SET status = \(bind: milestone.status), done_at = \(SQLValue.int(milestone.doneAt)), updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """)
        return milestone
    }
}

extension PublishingMilestone {
    init(row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id", as: String.self), originKey: try row.decode(column: "origin_key", as: String?.self),
                  name: try row.decode(column: "name", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                  dueOn: try row.decode(column: "due_on", as: String.self), owner: try row.decode(column: "owner", as: String?.self),
                  workID: try row.decode(column: "work_id", as: Int64?.self), isbn13: try row.decode(column: "isbn13", as: String?.self),
                  title: try row.decode(column: "title", as: String?.self), status: try row.decode(column: "status", as: String.self),
                  doneAt: try row.decode(column: "done_at", as: Int64?.self), weblinkID: try row.decode(column: "weblink_id", as: Int64?.self),
                  createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self))
    }
}
