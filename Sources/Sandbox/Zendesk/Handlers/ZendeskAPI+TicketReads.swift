extension ZendeskAPI {
    func showTicket(_ id: Int64, _ request: APIRequest) -> APIResponse {
        guard let ticket = store.snapshot().ticket(id) else { return ZendeskErrors.recordNotFound }
        var writer = JSONWriter(capacity: 2048)
        writer.beginObject()
        writer.key("ticket")
        ticket.write(to: &writer, links: request.links)
        writer.endObject()
        return .json(writer)
    }

    func listTickets(_ request: APIRequest) -> APIResponse {
        let mode: ListPagination.Mode
        switch ListPagination.mode(request.query) {
        case .success(let parsed): mode = parsed
        case .failure(let error): return error.response
        }
        let snapshot = store.snapshot()
        return ListPagination.respond(ids: snapshot.ticketIDs, mode: mode, resource: "tickets", path: "tickets.json",
                                      links: request.links) { id, writer in
            snapshot.ticket(id)?.write(to: &writer, links: request.links)
        }
    }

    /// `GET /tickets/show_many?ids=1,2,3`: existing tickets among the ids, offset-shaped; more than 100 ids → 400.
    func showManyTickets(_ request: APIRequest) -> APIResponse {
        let ids = request.query.list("ids").compactMap { Int64($0) }
        guard ids.count <= 100 else { return ZendeskErrors.tooManyValues }
        guard request.query.contains("ids") else { return ZendeskErrors.parameterMissing("ids") }
        let snapshot = store.snapshot()
        let tickets = ids.compactMap { snapshot.ticket($0) }
        var writer = JSONWriter(capacity: 2048 * max(1, tickets.count))
        writer.beginObject()
        writer.arrayField("tickets") { array in
            for ticket in tickets { ticket.write(to: &array, links: request.links) }
        }
        writer.nullField("next_page")
        writer.nullField("previous_page")
        writer.field("count", tickets.count)
        writer.endObject()
        return .json(writer)
    }

    /// `GET /tickets/{id}/comments`: cursor (`sort=created_at|-created_at`) or offset (`sort_order=asc|desc`).
    func listComments(_ id: Int64, _ request: APIRequest) -> APIResponse {
        guard var comments = store.snapshot().comments(ofTicket: id) else { return ZendeskErrors.recordNotFound }
        let mode: ListPagination.Mode
        switch ListPagination.mode(request.query) {
        case .success(let parsed): mode = parsed
        case .failure(let error): return error.response
        }
        var extraQuery: [(String, String)] = []
        if let sort = request.query["sort"] {
            extraQuery.append(("sort", sort))
            if sort == "-created_at" { comments.reverse() }
        } else if let order = request.query["sort_order"] {
            extraQuery.append(("sort_order", order))
            if order == "desc" { comments.reverse() }
        }
        let positions = DenseIDSpace(firstID: 1, lastID: Int64(comments.count), removed: [])
        return ListPagination.respond(ids: positions, mode: mode, resource: "comments",
                                      path: "tickets/\(id)/comments.json", links: request.links,
                                      extraQuery: extraQuery) { position, writer in
            comments[Int(position) - 1].write(to: &writer)
        }
    }
}
