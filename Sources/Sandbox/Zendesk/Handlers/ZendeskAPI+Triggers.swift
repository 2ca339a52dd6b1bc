import Hummingbird

extension ZendeskAPI {
    /// `GET /triggers` (cursor or offset; `active=true|false`), ordered by position.
    func listTriggers(_ request: APIRequest) -> APIResponse {
        var list = triggers.all().sorted { ($0.position, $0.id) < ($1.position, $1.id) }
        if let active = request.query["active"].flatMap({ JSONValue.string($0).boolValue }) {
            list = list.filter { $0.active == active }
        }
        return positionList(list.count, request, resource: "triggers", path: "triggers.json") { position, writer in
            list[position].write(to: &writer, links: request.links)
        }
    }

    func showTrigger(_ id: Int64, _ request: APIRequest) -> APIResponse {
        guard let trigger = triggers.record(id) else { return ZendeskErrors.recordNotFound }
        return triggerResponse(trigger, request, status: .ok)
    }

    /// `POST /triggers` → `201 {trigger}` + `Location`.
    func createTrigger(_ request: APIRequest) -> APIResponse {
        let object: JSONValue
        switch bodyObject(request, member: "trigger") {
        case .success(let parsed): object = parsed
        case .failure(let error): return error.response
        }
        let now = store.now
        let count = triggers.all().count
        let result = triggers.insert { id in
            let blank = TriggerRecord(id: id, title: "", active: true, position: count, description: nil, all: [],
                                      any: [], actions: [], createdAt: now, updatedAt: now)
            return TriggerInput.apply(object, to: blank, isCreation: true, webhook: webhooks.webhook)
        }
        switch result {
        case .success(let trigger):
            var response = triggerResponse(trigger, request, status: .created)
            response.headers[.location] = request.links.api("triggers/\(trigger.id).json")
            return response
        case .failure(let error):
            return ZendeskErrors.mutationFailed(error)
        }
    }

    /// `PUT /triggers/{id}` → `200 {trigger}`.
    func updateTrigger(_ id: Int64, _ request: APIRequest) -> APIResponse {
        let object: JSONValue
        switch bodyObject(request, member: "trigger") {
        case .success(let parsed): object = parsed
        case .failure(let error): return error.response
        }
        let now = store.now
        let result = triggers.update(id) { trigger in
            TriggerInput.apply(object, to: trigger, isCreation: false, webhook: webhooks.webhook).map { changed in
                var updated = changed
                updated.updatedAt = now
                return updated
            }
        }
        switch result {
        case .success(let trigger): return triggerResponse(trigger, request, status: .ok)
        case .failure(let error): return ZendeskErrors.mutationFailed(error)
        }
    }

    func deleteTrigger(_ id: Int64) -> APIResponse {
        triggers.remove(id) ? .noContent : ZendeskErrors.recordNotFound
    }

    private func triggerResponse(_ trigger: TriggerRecord, _ request: APIRequest,
                                 status: HTTPResponse.Status) -> APIResponse {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.key("trigger")
        trigger.write(to: &writer, links: request.links)
        writer.endObject()
        return .json(writer, status: status)
    }

    /// A cursor- or offset-paginated list of `count` in-memory items.
    func positionList(_ count: Int, _ request: APIRequest, resource: StaticString, path: String,
                      extraQuery: [(String, String)] = [], write: (Int, inout JSONWriter) -> Void) -> APIResponse {
        let mode: ListPagination.Mode
        switch ListPagination.mode(request.query) {
        case .success(let parsed): mode = parsed
        case .failure(let error): return error.response
        }
        let positions = DenseIDSpace(firstID: 1, lastID: Int64(count), removed: [])
        return ListPagination.respond(ids: positions, mode: mode, resource: resource, path: path, links: request.links,
                                      extraQuery: extraQuery) { position, writer in
            write(Int(position) - 1, &writer)
        }
    }
}
