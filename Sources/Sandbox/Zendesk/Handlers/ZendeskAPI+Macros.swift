import Foundation
import Hummingbird

extension ZendeskAPI {
    /// `GET /macros`, `GET /macros/active` and `GET /macros/search?query=` (offset or cursor). Filters `active`;
    /// `sort_by=alphabetical` (default), `created_at`, `updated_at` or `position`, with `sort_order`.
    func listMacros(_ request: APIRequest, onlyActive: Bool = false, searching: Bool = false) -> APIResponse {
        var list = macros.all()
        var extraQuery: [(String, String)] = []
        var path = onlyActive ? "macros/active.json" : "macros.json"
        if searching {
            guard let text = request.query["query"], !text.isEmpty else { return ZendeskErrors.parameterMissing("query") }
            list = list.filter { $0.title.range(of: text, options: .caseInsensitive) != nil }
            extraQuery.append(("query", text))
            path = "macros/search.json"
        }
        if onlyActive { list = list.filter(\.active) }
        if let active = request.query["active"].flatMap({ JSONValue.string($0).boolValue }) {
            list = list.filter { $0.active == active }
            extraQuery.append(("active", String(active)))
        }
        let sortBy = request.query["sort_by"] ?? "alphabetical"
        switch sortBy {
        case "created_at": list.sort { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
        case "updated_at": list.sort { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
        case "position": list.sort { ($0.position, $0.id) < ($1.position, $1.id) }
        default: list.sort { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }
        }
        if request.query["sort_order"] == "desc" { list.reverse() }
        return positionList(list.count, request, resource: "macros", path: path,
                            extraQuery: extraQuery) { position, writer in
            list[position].write(to: &writer, links: request.links)
        }
    }

    func showMacro(_ id: Int64, _ request: APIRequest) -> APIResponse {
        guard let macro = macros.record(id) else { return ZendeskErrors.recordNotFound }
        return macroResponse(macro, request, status: .ok)
    }

    /// `POST /macros` → `201 {macro}` + `Location` (the spec's 200 is wrong, reference §12).
    func createMacro(_ request: APIRequest) -> APIResponse {
        let object: JSONValue
        switch bodyObject(request, member: "macro") {
        case .success(let parsed): object = parsed
        case .failure(let error): return error.response
        }
        let now = store.now
        let result = macros.insert { id in
            let blank = MacroRecord(id: id, title: "", active: true, isDefault: false, position: 9999,
                                    description: nil, actions: [], restriction: .null, createdAt: now, updatedAt: now)
            return MacroInput.apply(object, to: blank, isCreation: true)
        }
        switch result {
        case .success(let macro):
            var response = macroResponse(macro, request, status: .created)
            response.headers[.location] = request.links.api("macros/\(macro.id).json")
            return response
        case .failure(let error):
            return ZendeskErrors.mutationFailed(error)
        }
    }

    /// `PUT /macros/{id}` → `200 {macro}`.
    func updateMacro(_ id: Int64, _ request: APIRequest) -> APIResponse {
        let object: JSONValue
        switch bodyObject(request, member: "macro") {
        case .success(let parsed): object = parsed
        case .failure(let error): return error.response
        }
        let now = store.now
        let result = macros.update(id) { macro in
            MacroInput.apply(object, to: macro, isCreation: false).map { changed in
                var updated = changed
                updated.updatedAt = now
                return updated
            }
        }
        switch result {
        case .success(let macro): return macroResponse(macro, request, status: .ok)
        case .failure(let error): return ZendeskErrors.mutationFailed(error)
        }
    }

    func deleteMacro(_ id: Int64) -> APIResponse {
        macros.remove(id) ? .noContent : ZendeskErrors.recordNotFound
    }

    private func macroResponse(_ macro: MacroRecord, _ request: APIRequest, status: HTTPResponse.Status) -> APIResponse {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.key("macro")
        macro.write(to: &writer, links: request.links)
        writer.endObject()
        return .json(writer, status: status)
    }
}
