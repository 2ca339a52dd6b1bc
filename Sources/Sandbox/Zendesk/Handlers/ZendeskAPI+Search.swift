import Hummingbird

extension ZendeskAPI {
    static let searchResultLimit = 1000

    /// `GET /search?query=…` (offset only, 100 per page, at most 1,000 results) and `GET /search/count?query=…`.
    func search(_ request: APIRequest, countOnly: Bool) -> APIResponse {
        guard let text = request.query["query"] else { return ZendeskErrors.parameterMissing("query") }
        let query = SearchQuery(parsing: text)
        let snapshot = store.snapshot()
        let engine = SearchEngine(query: query, snapshot: snapshot, now: store.now,
                                  actorID: actorID(request, in: snapshot))
        if countOnly {
            var writer = JSONWriter(capacity: 32)
            writer.beginObject()
            writer.field("count", engine.hits(sortBy: nil, descending: false).count)
            writer.endObject()
            return .json(writer)
        }
        let page = max(1, request.query["page"].flatMap { Int($0) } ?? 1)
        let perPage = min(100, max(1, request.query["per_page"].flatMap { Int($0) } ?? 100))
        guard page * perPage <= ZendeskAPI.searchResultLimit else {
            return ZendeskErrors.simple(.unprocessableContent, code: "invalid",
                                        description: "Invalid search: Requested response size was greater than Search Response Limits")
        }
        let sortBy = request.query["sort_by"] ?? query.orderBy
        let order = request.query["sort_order"] ?? query.sortOrder
        let hits = engine.hits(sortBy: sortBy, descending: order != "asc")
        let pageHits = hits.dropFirst((page - 1) * perPage).prefix(perPage)
        var writer = JSONWriter(capacity: 2048 * max(1, pageHits.count))
        writer.beginObject()
        writer.arrayField("results") { array in
            for hit in pageHits { engine.write(hit, to: &array, links: request.links) }
        }
        writer.nullField("facets")
        var linkQuery = [("query", text), ("per_page", String(perPage))]
        if let sortBy = request.query["sort_by"] { linkQuery.append(("sort_by", sortBy)) }
        if let order = request.query["sort_order"] { linkQuery.append(("sort_order", order)) }
        func pageLink(_ number: Int) -> String {
            request.links.api("search.json?" + ListPagination.query(linkQuery + [("page", String(number))]))
        }
        let reachable = min(hits.count, ZendeskAPI.searchResultLimit)
        writer.field("next_page", page * perPage < reachable ? pageLink(page + 1) : nil)
        writer.field("previous_page", page > 1 ? pageLink(page - 1) : nil)
        writer.field("count", hits.count)
        writer.endObject()
        return .json(writer)
    }

    /// `GET /users/search?query=…` or `?external_id=…`: matching users, offset-shaped.
    func searchUsers(_ request: APIRequest) -> APIResponse {
        let snapshot = store.snapshot()
        var ids: [Int64]
        var extraQuery: [(String, String)] = []
        if let externalID = request.query["external_id"] {
            ids = snapshot.userID(forExternalID: externalID).map { [$0] } ?? []
            extraQuery.append(("external_id", externalID))
        } else if let text = request.query["query"] {
            var query = SearchQuery(parsing: text)
            query.types = ["user"]
            ids = SearchEngine(query: query, snapshot: snapshot, now: store.now, actorID: actorID(request, in: snapshot))
                .hits(sortBy: nil, descending: false).map(\.id)
            extraQuery.append(("query", text))
        } else {
            return ZendeskErrors.parameterMissing("query")
        }
        let mode: ListPagination.Mode
        switch ListPagination.mode(request.query) {
        case .success(.cursor(let size, _, _)): mode = .offset(page: 1, perPage: size)
        case .success(let parsed): mode = parsed
        case .failure(let error): return error.response
        }
        let positions = DenseIDSpace(firstID: 1, lastID: Int64(ids.count), removed: [])
        return ListPagination.respond(ids: positions, mode: mode, resource: "users", path: "users/search.json",
                                      links: request.links, extraQuery: extraQuery) { position, writer in
            snapshot.user(ids[Int(position) - 1])?.write(to: &writer, links: request.links)
        }
    }
}
