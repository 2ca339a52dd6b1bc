import Foundation
import SQLKit

/// Publishing tasks (see ``PublishingTask``).
extension StoreSession {
    /// Insert the task, or return the one created earlier from the same `originKey` (nothing is changed then).
    /// `created` tells which.
    public func createTask(_ task: PublishingTask) async throws -> (task: PublishingTask, created: Bool) {
        let inserted = try await rows("""
            INSERT INTO pub_tasks (id, origin_key, title, details, owner, due_on, status, connection, ticket_id, work_id, isbn13, weblink_id,
                                   created_at, updated_at, completed_at)
            VALUES (\(bind: task.id), \(SQLValue.text(task.originKey)), \(bind: task.title), \(SQLValue.text(task.details)), \(SQLValue.text(task.owner)),
                    \(SQLValue.text(task.dueOn)), \(bind: task.status), \(SQLValue.text(task.connection)), \(SQLValue.int(task.ticketID)),
                    \(SQLValue.int(task.workID)), \(SQLValue.text(task.isbn13)), \(SQLValue.int(task.weblinkID)), \(bind: task.createdAt),
                    \(bind: task.updatedAt), \(SQLValue.int(task.completedAt)))
            ON CONFLICT (origin_key) DO NOTHING RETURNING id
            """)
        if !inserted.isEmpty { return (task, true) }
        guard let originKey = task.originKey, let existing = try await rows("SELECT * FROM pub_tasks WHERE origin_key = \(bind: originKey)").first else {
            throw StoreError.notFound("task with origin \(task.originKey ?? "?")")
        }
        return (try PublishingTask(row: existing), false)
    }

    public func task(id: String) async throws -> PublishingTask? {
        try await rows("SELECT * FROM pub_tasks WHERE id = \(bind: id)").first.map(PublishingTask.init(row:))
    }

    public func tasks(status: String? = nil, limit: Int = 200) async throws -> [PublishingTask] {
        var query: SQLQueryString = "SELECT * FROM pub_tasks"
        if let status { query += " WHERE status = \(bind: status)" }
        query += " ORDER BY created_at DESC, id LIMIT \(literal: limit)"
        return try await rows(query).map(PublishingTask.init(row:))
    }

    /// Tasks with a due date, for the calendar feed.
    public func datedTasks() async throws -> [PublishingTask] {
        try await rows("SELECT * FROM pub_tasks WHERE due_on IS NOT NULL ORDER BY due_on, id").map(PublishingTask.init(row:))
    }

    /// Change a task's status. Returns the task before and after, or nil when there is no such task.
    public func setTaskStatus(id: String, status: String, now: Int64) async throws -> (before: PublishingTask, after: PublishingTask)? {
        guard let before = try await task(id: id) else { return nil }
        let completedAt: Int64? = status == "done" ? (before.completedAt ?? now) : nil
        try await run("""
            UPDATE pub_tasks SET status = \(bind: status), completed_at = \(SQLValue.int(completedAt)), updated_at = \(bind: now) WHERE id = \(bind: id)
            """)
        var after = before
        after.status = status
        after.completedAt = completedAt
        after.updatedAt = now
        return (before, after)
    }

    public func setTaskWebLink(id: String, weblinkID: Int64) async throws {
        try await run("UPDATE pub_tasks SET weblink_id = \(bind: weblinkID) WHERE id = \(bind: id)")
    }
}

extension PublishingTask {
    init(row: any SQLRow) throws {
        self.init(id: try row.decode(column: "id", as: String.self), originKey: try row.decode(column: "origin_key", as: String?.self),
                  title: try row.decode(column: "title", as: String.self), details: try row.decode(column: "details", as: String?.self),
                  owner: try row.decode(column: "owner", as: String?.self), dueOn: try row.decode(column: "due_on", as: String?.self),
                  status: try row.decode(column: "status", as: String.self), connection: try row.decode(column: "connection", as: String?.self),
                  ticketID: try row.decode(column: "ticket_id", as: Int64?.self), workID: try row.decode(column: "work_id", as: Int64?.self),
                  isbn13: try row.decode(column: "isbn13", as: String?.self), weblinkID: try row.decode(column: "weblink_id", as: Int64?.self),
                  createdAt: try row.decode(column: "created_at", as: Int64.self), updatedAt: try row.decode(column: "updated_at", as: Int64.self),
                  completedAt: try row.decode(column: "completed_at", as: Int64?.self))
    }
}
