import ConnectorKit
import Foundation

/// A macro: a named set of ticket changes agents apply in one click.
public struct ZendeskMacro: Decodable, Sendable, Equatable, ZendeskResource {
    public static let collectionKey = "macros"
    public var id: Int64
    public var title: String?
    public var active: Bool?
    public var actions: JSONValue
    public var description: String?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        title = c.lenientString(AnyKey("title"))
        active = c.lenientBool(AnyKey("active"))
        actions = c.lenientJSON(AnyKey("actions")) ?? .array([])
        description = c.lenientString(AnyKey("description"))
    }
}

/// Macros and search.
extension ZendeskClient {
    /// `GET /macros/search?query=` — macros whose title matches.
    public func searchMacros(title: String) async throws -> [ZendeskMacro] {
        try await get("macros/search", query: [("query", title)], as: OffsetPage<ZendeskMacro>.self).records.compactMap(\.value)
    }

    public func createMacro(_ macro: JSONValue) async throws -> ZendeskMacro {
        try await send(.post, "macros", body: JSONValue.object(["macro": macro]), as: Wrapped<ZendeskMacro>.self).value
    }

    public func updateMacro(id: Int64, _ macro: JSONValue) async throws -> ZendeskMacro {
        try await send(.put, "macros/\(id)", body: JSONValue.object(["macro": macro]), as: Wrapped<ZendeskMacro>.self).value
    }

    /// `GET /search?query=type:ticket …`, following pages up to `limit` results (Zendesk stops at 1,000).
    public func searchTickets(query: String, limit: Int = 100) async throws -> (count: Int, tickets: [ZendeskTicket]) {
        let fullQuery = query.contains("type:ticket") ? query : "type:ticket " + query
        var tickets: [ZendeskTicket] = []
        var page = 1
        var count = 0
        while tickets.count < min(limit, 1000) {
            let results = try await get("search", query: [("query", fullQuery), ("page", String(page)), ("per_page", "100")], as: SearchPage.self)
            count = results.count ?? count
            tickets += results.tickets
            if results.nextPage == nil || results.tickets.isEmpty { break }
            page += 1
        }
        return (count, Array(tickets.prefix(limit)))
    }
}

/// A page of `GET /search`: mixed result types, of which tickets are kept.
struct SearchPage: Decodable, Sendable {
    var tickets: [ZendeskTicket]
    var nextPage: String?
    var count: Int?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        var tickets: [ZendeskTicket] = []
        if var list = try? c.nestedUnkeyedContainer(forKey: AnyKey("results")) {
            while !list.isAtEnd {
                if let result = try? list.decode(SearchResult.self), let ticket = result.ticket { tickets.append(ticket) } else { _ = try? list.decode(JSONValue.self) }
            }
        }
        self.tickets = tickets
        nextPage = c.lenientString(AnyKey("next_page"))
        count = c.lenientInt64(AnyKey("count")).map(Int.init)
    }

    struct SearchResult: Decodable {
        var ticket: ZendeskTicket?
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            ticket = c.lenientString(AnyKey("result_type")) == "ticket" ? try ZendeskTicket(from: decoder) : nil
        }
    }
}
