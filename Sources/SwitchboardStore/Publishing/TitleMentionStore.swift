import Foundation
import LooseJSON
import SQLKit

/// One ticket that asks about a title, with the topics found in it: what recurring-question signals count.
public struct TitleMention: Sendable, Equatable {
    public var connection: String
    public var ticketID: Int64
    public var workID: Int64
    public var isbn13: String?
    public var title: String?
    public var topics: [String]
    public var subject: String?
    public var mentionedAt: Int64

    public init(connection: String, ticketID: Int64, workID: Int64, isbn13: String?, title: String?, topics: [String], subject: String?, mentionedAt: Int64) {
        self.connection = connection
        self.ticketID = ticketID
        self.workID = workID
        self.isbn13 = isbn13
        self.title = title
        self.topics = topics
        self.subject = subject
        self.mentionedAt = mentionedAt
    }
}

/// Tickets about titles. A ticket counts once per title however often it is seen.
extension StoreSession {
    @discardableResult
    public func recordTitleMention(_ mention: TitleMention) async throws -> Bool {
        let inserted = try await rows("""
            INSERT INTO title_mentions (connection, ticket_id, work_id, isbn13, title, topics, subject, mentioned_at)
            VALUES (\(bind: mention.connection), \(bind: mention.ticketID), \(bind: mention.workID), \(SQLValue.text(mention.isbn13)),
                    \(SQLValue.text(mention.title)), \(bind: JSONValue.array(mention.topics.map(JSONValue.string)).jsonText), \(SQLValue.text(mention.subject)),
                    \(bind: mention.mentionedAt))
            ON CONFLICT (connection, ticket_id, work_id) DO NOTHING RETURNING ticket_id
            """)
        return !inserted.isEmpty
    }

    /// Mentions of a work since `since` (Unix seconds), newest first.
    public func titleMentions(workID: Int64, since: Int64) async throws -> [TitleMention] {
        try await rows("""
            SELECT * FROM title_mentions WHERE work_id = \(bind: workID) AND mentioned_at >= \(bind: since) ORDER BY mentioned_at DESC, ticket_id DESC
            """).map { row in
            var topics: [String] = []
            if case .array(let items)? = JSONValue.stored(try row.decode(column: "topics", as: String.self)) { topics = items.compactMap(\.stringValue) }
            return TitleMention(connection: try row.decode(column: "connection", as: String.self), ticketID: try row.decode(column: "ticket_id", as: Int64.self),
                                workID: try row.decode(column: "work_id", as: Int64.self), isbn13: try row.decode(column: "isbn13", as: String?.self),
                                title: try row.decode(column: "title", as: String?.self), topics: topics, subject: try row.decode(column: "subject", as: String?.self),
                                mentionedAt: try row.decode(column: "mentioned_at", as: Int64.self))
        }
    }
}
