import Foundation

/// Cursor and offset pagination for list endpoints (reference §3), over any `DenseIDSpace`.
///
/// Cursor mode (`page[size]`, `page[after]`, `page[before]`) answers `meta` + `links`; offset mode (`page`,
/// `per_page`) answers `next_page` / `previous_page` / `count` and refuses to go deeper than 10,000 records.
enum ListPagination {
    enum Mode: Equatable {
        case cursor(size: Int, after: Int64?, before: Int64?)
        case offset(page: Int, perPage: Int)
    }

    static let maximumPageSize = 100
    static let offsetDepthLimit = 10_000

    /// The pagination requested by the query, or the error response for invalid parameters.
    static func mode(_ query: QueryItems) -> Result<Mode, APIResponseError> {
        if let sizeText = query["page[size]"] {
            guard let size = Int(sizeText), size >= 1 else {
                return .failure(invalid("page[size] must be a positive integer"))
            }
            guard size <= maximumPageSize else {
                return .failure(invalid("page[size] must be less than or equal to \(maximumPageSize)"))
            }
            var after: Int64?
            var before: Int64?
            if let text = query["page[after]"] {
                guard let key = decodeCursor(text) else { return .failure(invalid("page[after] is not a valid cursor")) }
                after = key
            }
            if let text = query["page[before]"] {
                guard let key = decodeCursor(text) else { return .failure(invalid("page[before] is not a valid cursor")) }
                before = key
            }
            return .success(.cursor(size: size, after: after, before: before))
        }
        let page = max(1, query["page"].flatMap { Int($0) } ?? 1)
        let perPage = min(maximumPageSize, max(1, query["per_page"].flatMap { Int($0) } ?? maximumPageSize))
        guard page * perPage <= offsetDepthLimit else { return .failure(APIResponseError(ZendeskErrors.paginationTooDeep)) }
        return .success(.offset(page: page, perPage: perPage))
    }

    /// Writes one page of `ids` as `{"<resource>":[…], …pagination members…}`.
    /// - Parameters:
    ///   - path: the list's path under `/api/v2`, e.g. `tickets.json`.
    ///   - extraQuery: parameters to repeat in the links (e.g. `sort`).
    static func respond(
        ids space: DenseIDSpace, mode: Mode, resource: StaticString, path: String, links: ZendeskLinks,
        extraQuery: [(String, String)] = [], write: (Int64, inout JSONWriter) -> Void
    ) -> APIResponse {
        var writer = JSONWriter(capacity: 16 * 1024)
        writer.beginObject()
        switch mode {
        case .cursor(let size, let after, let before):
            let ids = before.map { space.ids(before: $0, limit: size) } ?? space.ids(after: after, limit: size)
            writer.arrayField(resource) { array in
                for id in ids { write(id, &array) }
            }
            let hasMore: Bool
            if before != nil {
                hasMore = ids.first.map { !space.ids(before: $0, limit: 1).isEmpty } ?? false
            } else {
                hasMore = ids.last.map { !space.ids(after: $0, limit: 1).isEmpty } ?? false
            }
            let afterCursor = ids.last.map(encodeCursor)
            let beforeCursor = ids.first.map(encodeCursor)
            func link(_ direction: String, _ cursor: String?) -> String? {
                cursor.map {
                    links.api(path + "?" + query(extraQuery + [("page[\(direction)]", $0), ("page[size]", String(size))]))
                }
            }
            writer.objectField("meta") { meta in
                meta.field("has_more", hasMore)
                meta.field("after_cursor", afterCursor)
                meta.field("before_cursor", beforeCursor)
            }
            writer.objectField("links") { object in
                object.field("prev", link("before", beforeCursor))
                object.field("next", link("after", afterCursor))
            }
        case .offset(let page, let perPage):
            let ids = space.ids(offset: (page - 1) * perPage, limit: perPage)
            writer.arrayField(resource) { array in
                for id in ids { write(id, &array) }
            }
            let total = space.count
            func pageLink(_ number: Int) -> String {
                links.api(path + "?" + query(extraQuery + [("page", String(number)), ("per_page", String(perPage))]))
            }
            writer.field("next_page", page * perPage < total ? pageLink(page + 1) : nil)
            writer.field("previous_page", page > 1 ? pageLink(page - 1) : nil)
            writer.field("count", total)
        }
        writer.endObject()
        return .json(writer)
    }

    /// Opaque list cursor: base64 of `{"o":"id","v":<key>}` (Zendesk's look a lot like this).
    static func encodeCursor(_ key: Int64) -> String {
        Data("{\"o\":\"id\",\"v\":\(key)}".utf8).base64EncodedString()
    }

    static func decodeCursor(_ text: String) -> Int64? {
        guard let data = Data(base64Encoded: text), let value = JSONValue.parse(Array(data)),
              value["o"]?.stringValue == "id" else { return nil }
        return value["v"]?.int64Value
    }

    static func query(_ items: [(String, String)]) -> String {
        items.map { $0.0.queryEncoded() + "=" + $0.1.queryEncoded() }.joined(separator: "&")
    }

    private static func invalid(_ message: String) -> APIResponseError {
        APIResponseError(ZendeskErrors.titled(.badRequest, title: "Invalid Pagination Parameter", message: message))
    }
}
