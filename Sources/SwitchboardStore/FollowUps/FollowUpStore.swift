import Foundation
import LooseJSON
import SQLKit
import SwitchboardCore

/// Follow-ups (see ``FollowUp``): opened once per key, answered by a reply, closed by a flow, and chased rung by
/// rung. Every state change is one conditional `UPDATE`, so two nodes chasing at once cannot fire a rung twice.
extension StoreSession {
    /// Open the follow-up, or return the one already open under the same key (nothing is changed then). A key whose
    /// earlier follow-up was answered, closed or exhausted is opened afresh: the same request asked again.
    public func openFollowUp(_ followUp: FollowUp) async throws -> (followUp: FollowUp, created: Bool) {
        if let existing = try await self.followUp(key: followUp.key) {
            guard existing.status != .open else { return (existing, false) }
            try await run("DELETE FROM sb_followups WHERE id = \(bind: existing.id)")
        }
        try await run("""
            INSERT INTO sb_followups (id, key, kind, status, ladder, context, started_at, next_stage, next_at, answered_at, answer, answered_by,
                                      closed_reason, created_at, updated_at)
            VALUES (\(bind: followUp.id), \(bind: followUp.key), \(bind: followUp.kind), \(bind: followUp.status.rawValue), \(bind: followUp.ladder.json.jsonText),
                    \(bind: followUp.context.jsonText), \(bind: followUp.startedAt), \(bind: Int64(followUp.nextStage)), \(SQLValue.int(followUp.nextAt)),
                    NULL, NULL, NULL, NULL, \(bind: followUp.createdAt), \(bind: followUp.updatedAt))
            """)
        return (followUp, true)
    }

    public func followUp(key: String) async throws -> FollowUp? {
        try await rows("SELECT * FROM sb_followups WHERE key = \(bind: key)").first.map(FollowUp.init(row:))
    }

    public func followUp(id: String) async throws -> FollowUp? {
        try await rows("SELECT * FROM sb_followups WHERE id = \(bind: id)").first.map(FollowUp.init(row:))
    }

    /// Follow-ups, newest first; optionally of one status or kind.
    public func followUps(status: FollowUp.Status? = nil, kind: String? = nil, limit: Int = 200) async throws -> [FollowUp] {
        var query: SQLQueryString = "SELECT * FROM sb_followups WHERE 1 = 1"
        if let status { query += " AND status = \(bind: status.rawValue)" }
        if let kind { query += " AND kind = \(bind: kind)" }
        query += " ORDER BY created_at DESC, id LIMIT \(literal: limit)"
        return try await rows(query).map(FollowUp.init(row:))
    }

    /// How long a request whose ladder ran out still takes its answer (the asking stopped, the question stands).
    public static let exhaustedFollowUpAnswerableSeconds: Int64 = 7 * 86_400

    /// Record the answer to the follow-up under `key` — open, or exhausted within the last week. Returns it when this
    /// call answered it; nil when there is none to answer (unknown key, closed, or answered already — the first
    /// answer is the one kept).
    @discardableResult
    public func answerFollowUp(key: String, answer: String?, by: String?, at time: Int64) async throws -> FollowUp? {
        let updated = try await rows("""
            UPDATE sb_followups SET status = 'answered', answered_at = \(bind: time), answer = \(SQLValue.text(answer)), answered_by = \(SQLValue.text(by)),
                next_at = NULL, updated_at = \(bind: time)
            WHERE key = \(bind: key)
              AND (status = 'open' OR (status = 'exhausted' AND updated_at >= \(bind: time - Self.exhaustedFollowUpAnswerableSeconds))) RETURNING id
            """)
        guard !updated.isEmpty else { return nil }
        return try await followUp(key: key)
    }

    /// Close the open follow-up under `key` (the matter resolved itself). Returns it when this call closed it.
    @discardableResult
    public func closeFollowUp(key: String, reason: String, at time: Int64) async throws -> FollowUp? {
        let updated = try await rows("""
            UPDATE sb_followups SET status = 'closed', closed_reason = \(bind: reason), next_at = NULL, updated_at = \(bind: time)
            WHERE key = \(bind: key) AND status = 'open' RETURNING id
            """)
        guard !updated.isEmpty else { return nil }
        return try await followUp(key: key)
    }

    /// Open follow-ups whose next rung is due at `now`, oldest first.
    public func dueFollowUps(now: Int64, limit: Int = 200) async throws -> [FollowUp] {
        try await rows("""
            SELECT * FROM sb_followups WHERE status = 'open' AND next_at IS NOT NULL AND next_at <= \(bind: now)
            ORDER BY next_at, id LIMIT \(literal: limit)
            """).map(FollowUp.init(row:))
    }

    /// Move `followUp` past its next rung, if nobody else did first: the rung that fired, or nil when another node
    /// (or an answer) got there first. After the last rung the follow-up is `exhausted`.
    public func advanceFollowUp(_ followUp: FollowUp, at time: Int64) async throws -> FollowUpDue? {
        let index = followUp.nextStage
        guard followUp.status == .open, followUp.ladder.stages.indices.contains(index) else { return nil }
        let next = index + 1
        let nextAt = followUp.ladder.dueTime(of: next, startedAt: followUp.startedAt)
        let status: FollowUp.Status = nextAt == nil ? .exhausted : .open
        let updated = try await rows("""
            UPDATE sb_followups SET next_stage = \(bind: Int64(next)), next_at = \(SQLValue.int(nextAt)), status = \(bind: status.rawValue),
                updated_at = \(bind: time)
            WHERE id = \(bind: followUp.id) AND status = 'open' AND next_stage = \(bind: Int64(index)) RETURNING id
            """)
        guard !updated.isEmpty else { return nil }
        var advanced = followUp
        advanced.nextStage = next
        advanced.nextAt = nextAt
        advanced.status = status
        advanced.updatedAt = time
        return FollowUpDue(followUp: advanced, stageIndex: index, stage: followUp.ladder.stages[index])
    }

    /// The unanswered follow-up a person was most recently asked about on WhatsApp (the correlation of the newest
    /// outbound message to their number, or to their directory contact, whose follow-up is open or exhausted within
    /// the last week), so a free-text answer that quotes nothing still finds it.
    public func openFollowUp(answerableBy waID: String, contactID: String?, at time: Int64) async throws -> FollowUp? {
        var query: SQLQueryString = """
            SELECT f.* FROM wa_messages m JOIN sb_followups f ON f.key = m.correlation
            WHERE m.direction = \(bind: MessageDirection.outbound.rawValue)
              AND (f.status = 'open' OR (f.status = 'exhausted' AND f.updated_at >= \(bind: time - Self.exhaustedFollowUpAnswerableSeconds)))
              AND (m.wa_id = \(bind: waID)
            """
        if let contactID { query += " OR m.contact_id = \(bind: contactID)" }
        query += ") ORDER BY m.created_at DESC, m.id DESC LIMIT 1"
        return try await rows(query).first.map(FollowUp.init(row:))
    }
}

extension FollowUp {
    init(row: any SQLRow) throws {
        let ladder = (try? FollowUpLadder(parsing: JSONValue.stored(try row.decode(column: "ladder", as: String.self)))) ?? FollowUpLadder([])
        self.init(id: try row.decode(column: "id", as: String.self), key: try row.decode(column: "key", as: String.self),
                  kind: try row.decode(column: "kind", as: String.self), ladder: ladder,
                  context: JSONValue.stored(try row.decode(column: "context", as: String.self)) ?? .object([:]),
                  startedAt: try row.decode(column: "started_at", as: Int64.self))
        status = FollowUp.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .closed
        nextStage = Int(try row.decode(column: "next_stage", as: Int64.self))
        nextAt = try row.decode(column: "next_at", as: Int64?.self)
        answeredAt = try row.decode(column: "answered_at", as: Int64?.self)
        answer = try row.decode(column: "answer", as: String?.self)
        answeredBy = try row.decode(column: "answered_by", as: String?.self)
        closedReason = try row.decode(column: "closed_reason", as: String?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        updatedAt = try row.decode(column: "updated_at", as: Int64.self)
    }
}
