import ConnectorKit
import Foundation

/// Paginated list endpoints, in both of Zendesk's pagination styles, plus single-record reads.
extension ZendeskClient {
    /// One page of a cursor-paginated list, e.g. `listCursor(ZendeskTicket.self, path: "tickets")`.
    public func listCursor<Record: ZendeskResource>(_ type: Record.Type, path: String, size: Int = 100, after: String? = nil, extraQuery: [(String, String)] = []) async throws -> CursorPage<Record> {
        var query = [("page[size]", String(min(max(size, 1), 100)))]
        if let after { query.append(("page[after]", after)) }
        return try await get(path, query: query + extraQuery)
    }

    /// One page of an offset-paginated list (`page` starts at 1).
    public func listOffset<Record: ZendeskResource>(_ type: Record.Type, path: String, page: Int = 1, perPage: Int = 100, extraQuery: [(String, String)] = []) async throws -> OffsetPage<Record> {
        try await get(path, query: [("page", String(max(page, 1))), ("per_page", String(min(max(perPage, 1), 100)))] + extraQuery)
    }

    /// Every record of a cursor-paginated list, page after page.
    public func listAll<Record: ZendeskResource>(_ type: Record.Type, path: String, pageSize: Int = 100) -> AsyncThrowingStream<Lossy<Record>, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var after: String?
                    repeat {
                        let page = try await listCursor(Record.self, path: path, size: pageSize, after: after)
                        for record in page.records { continuation.yield(record) }
                        after = page.hasMore ? page.afterCursor : nil
                    } while after != nil
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Comments of one ticket (cursor pagination). Use the `ticket_events` export for bulk reads.
    public func ticketComments(ticketID: Int64, size: Int = 100, after: String? = nil) async throws -> CursorPage<ZendeskComment> {
        try await listCursor(ZendeskComment.self, path: "tickets/\(ticketID)/comments", size: size, after: after)
    }

    public func ticket(id: Int64) async throws -> ZendeskTicket {
        try await get("tickets/\(id)", as: Wrapped<ZendeskTicket>.self).value
    }

    public func user(id: Int64) async throws -> ZendeskUser {
        try await get("users/\(id)", as: Wrapped<ZendeskUser>.self).value
    }

    public func organization(id: Int64) async throws -> ZendeskOrganization {
        try await get("organizations/\(id)", as: Wrapped<ZendeskOrganization>.self).value
    }

    /// The authenticated user (`GET /users/me`): the cheapest way to check credentials.
    public func currentUser() async throws -> ZendeskUser {
        try await get("users/me", as: Wrapped<ZendeskUser>.self).value
    }

    /// Approximate record counts (`GET /{tickets|users|organizations}/count`), for progress estimates.
    public func count(of collection: String) async throws -> Int {
        try await get("\(collection)/count", as: CountEnvelope.self).value
    }
}

/// `{"ticket": {…}}`-style single-record envelope, keyed by the singular of the collection key.
struct Wrapped<Record: ZendeskResource>: Decodable, Sendable {
    var value: Record

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let singular = String(Record.collectionKey.dropLast())
        value = try c.decode(Record.self, forKey: AnyKey(singular))
    }
}

struct CountEnvelope: Decodable, Sendable {
    var value: Int

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let count = try c.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("count"))
        value = Int(count.lenientInt64(AnyKey("value")) ?? 0)
    }
}
