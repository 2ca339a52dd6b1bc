extension ZendeskAPI {
    /// `GET /tickets/{id}/audits`: the ticket's audits oldest first, cursor or offset, each as in §5.2 with the
    /// `metadata.custom` its update sent.
    func listAudits(_ id: Int64, _ request: APIRequest) -> APIResponse {
        guard let audits = store.snapshot().audits(ofTicket: id) else { return ZendeskErrors.recordNotFound }
        let mode: ListPagination.Mode
        switch ListPagination.mode(request.query) {
        case .success(let parsed): mode = parsed
        case .failure(let error): return error.response
        }
        let positions = DenseIDSpace(firstID: 1, lastID: Int64(audits.count), removed: [])
        return ListPagination.respond(ids: positions, mode: mode, resource: "audits",
                                      path: "tickets/\(id)/audits.json", links: request.links) { position, writer in
            audits[Int(position) - 1].writeResponseAudit(to: &writer)
        }
    }
}
