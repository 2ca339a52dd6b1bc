import Foundation
import SQLKit

/// Ticket counts per tag family from the Zendesk mirror: how many tickets carry each `isbn_…`, `format_…` or
/// `imprint_…` tag. This is what the support report by title, format and imprint is made of.
extension StoreSession {
    /// Tags starting with `prefix` (e.g. `isbn_`) on mirrored tickets, with the number of tickets carrying each,
    /// most first. `connection` limits it to one Zendesk connection.
    public func ticketCounts(tagPrefix prefix: String, connection: String? = nil) async throws -> [(tag: String, tickets: Int)] {
        // `tag >= 'isbn_' AND tag < 'isbn`'`: the prefix range, without LIKE's `_` wildcard, on both databases.
        guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return [] }
        let upper = String(prefix.unicodeScalars.dropLast()) + String(next)
        var query: SQLQueryString = """
            SELECT tag, COUNT(DISTINCT object_id) AS tickets FROM zd_tags
            WHERE object_type = 'ticket' AND tag >= \(bind: prefix) AND tag < \(bind: upper)
            """
        if let connection { query += " AND connection = \(bind: connection)" }
        query += " GROUP BY tag ORDER BY tickets DESC, tag"
        return try await rows(query).map { (try $0.decode(column: "tag", as: String.self), Int(try $0.decode(column: "tickets", as: Int64.self))) }
    }

    /// Every (ticket, tag) pair with a tag starting with `prefix` on mirrored tickets, so callers can count distinct
    /// tickets per group of tags (one title's ISBNs, say).
    public func ticketTags(prefix: String, connection: String? = nil) async throws -> [(connection: String, ticketID: Int64, tag: String)] {
        guard let last = prefix.unicodeScalars.last, let next = Unicode.Scalar(last.value + 1) else { return [] }
        let upper = String(prefix.unicodeScalars.dropLast()) + String(next)
        var query: SQLQueryString = """
            SELECT connection, object_id, tag FROM zd_tags WHERE object_type = 'ticket' AND tag >= \(bind: prefix) AND tag < \(bind: upper)
            """
        if let connection { query += " AND connection = \(bind: connection)" }
        return try await rows(query).map {
            (try $0.decode(column: "connection", as: String.self), try $0.decode(column: "object_id", as: Int64.self), try $0.decode(column: "tag", as: String.self))
        }
    }
}
