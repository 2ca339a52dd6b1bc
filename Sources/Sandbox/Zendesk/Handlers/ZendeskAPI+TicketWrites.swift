import Hummingbird

extension ZendeskAPI {
    /// `POST /tickets` → `201 {ticket, audit}` + `Location`; honours `Idempotency-Key`.
    func createTicket(_ request: APIRequest) -> APIResponse {
        let input: NewTicketInput
        switch bodyObject(request, member: "ticket").flatMap(TicketBodyParsing.newTicket) {
        case .success(let parsed): input = parsed
        case .failure(let error): return error.response
        }
        let actor = actorID(request, in: store.snapshot())
        let outcome: (response: RecordedResponse, hit: Bool)
        do {
            outcome = try store.createTicket(idempotencyKey: request.idempotencyKey, input: input, actorID: actor,
                                             via: .api) { result in
                let body = ZendeskAPI.ticketAndAudit(result, links: request.links)
                return RecordedResponse(status: 201, location: request.links.ticket(result.ticket.id), body: body.bytes)
            }
        } catch {
            return ZendeskErrors.mutationFailed(error)
        }
        var response = APIResponse(status: HTTPResponse.Status(code: outcome.response.status),
                                   headers: [.contentType: APIResponse.jsonContentType],
                                   body: ByteBuffer(bytes: outcome.response.body))
        if let location = outcome.response.location { response.headers[.location] = location }
        if request.idempotencyKey != nil {
            response.headers[named: "x-idempotency-lookup"] = outcome.hit ? "hit" : "miss"
        }
        return response
    }

    /// `PUT /tickets/{id}` → `200 {ticket, audit}`; a `comment` member adds a comment.
    func updateTicket(_ id: Int64, _ request: APIRequest) -> APIResponse {
        let changes: TicketChanges
        switch bodyObject(request, member: "ticket").flatMap(TicketBodyParsing.changes) {
        case .success(let parsed): changes = parsed
        case .failure(let error): return error.response
        }
        let actor = actorID(request, in: store.snapshot())
        do {
            let result = try store.mutate { overlay, base, now throws(MutationError) in
                try overlay.updateTicket(id, changes: changes, base: base, actorID: actor, via: .api, now: now)
            }
            return .json(ZendeskAPI.ticketAndAudit(result, links: request.links))
        } catch {
            return ZendeskErrors.mutationFailed(error)
        }
    }

    /// `DELETE /tickets/{id}` → 204.
    func deleteTicket(_ id: Int64, _ request: APIRequest) -> APIResponse {
        let actor = actorID(request, in: store.snapshot())
        do {
            try store.mutate { overlay, base, now throws(MutationError) in
                try overlay.deleteTicket(id, base: base, actorID: actor, via: .api, now: now)
            }
            return .noContent
        } catch {
            return ZendeskErrors.mutationFailed(error)
        }
    }

    static func ticketAndAudit(_ result: TicketChangeResult, links: ZendeskLinks) -> JSONWriter {
        var writer = JSONWriter(capacity: 4096)
        writer.beginObject()
        writer.key("ticket")
        result.ticket.write(to: &writer, links: links)
        writer.key("audit")
        result.audit.writeResponseAudit(to: &writer)
        writer.endObject()
        return writer
    }
}
