import Hummingbird

extension ZendeskAPI {
    /// `GET /tags`: tags of live tickets with their counts, most used first.
    func listTags(_ request: APIRequest) -> APIResponse {
        let mode: ListPagination.Mode
        switch ListPagination.mode(request.query) {
        case .success(let parsed): mode = parsed
        case .failure(let error): return error.response
        }
        let tags = store.tagCounts()
        let positions = DenseIDSpace(firstID: 1, lastID: Int64(tags.count), removed: [])
        return ListPagination.respond(ids: positions, mode: mode, resource: "tags", path: "tags.json",
                                      links: request.links) { position, writer in
            let tag = tags[Int(position) - 1]
            writer.beginObject()
            writer.field("name", tag.name)
            writer.field("count", tag.count)
            writer.endObject()
        }
    }

    func listTicketTags(_ id: Int64) -> APIResponse {
        guard let ticket = store.snapshot().ticket(id) else { return ZendeskErrors.recordNotFound }
        return tagsResponse(ticket.tags, status: .ok)
    }

    /// `PUT` adds, `POST` replaces, `DELETE` removes (body `{"tags":[…]}` or query `tags=a,b`).
    func editTicketTags(_ id: Int64, _ request: APIRequest, edit: ([String]) -> TagEdit,
                        status: HTTPResponse.Status) -> APIResponse {
        var tags = request.query.list("tags")
        if let sent = request.body?["tags"] {
            guard let values = sent.arrayValue else {
                return ZendeskErrors.recordInvalid([FieldError(field: "tags", description: "Tags: is invalid",
                                                               error: "InvalidValue")])
            }
            tags = values.compactMap(\.stringValue)
        } else if tags.isEmpty && request.body == nil && !request.query.contains("tags") {
            return ZendeskErrors.parameterMissing("tags")
        }
        var changes = TicketChanges()
        changes.tags = edit(tags)
        if let body = request.body {
            switch TicketBodyParsing.safeUpdateStamp(body) {
            case .success(let stamp): changes.safeUpdateStamp = stamp
            case .failure(let error): return ZendeskErrors.recordInvalid([error])
            }
        }
        let result: TicketChangeResult
        do {
            result = try store.mutate { overlay, base, now throws(MutationError) in
                let actor = actorID(request, in: ZendeskSnapshot(base: base, overlay: overlay))
                return try overlay.updateTicket(id, changes: changes, base: base, actorID: actor, via: .api, now: now)
            }
        } catch {
            return ZendeskErrors.mutationFailed(error)
        }
        return status == .noContent ? .noContent : tagsResponse(result.ticket.tags, status: status)
    }

    private func tagsResponse(_ tags: [String], status: HTTPResponse.Status) -> APIResponse {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.field("tags", strings: tags)
        writer.endObject()
        return .json(writer, status: status)
    }
}
