import Hummingbird

extension ZendeskAPI {
    func showUser(_ id: Int64, _ request: APIRequest) -> APIResponse {
        guard let user = store.snapshot().user(id) else { return ZendeskErrors.recordNotFound }
        return userResponse(user, request, status: .ok)
    }

    func listUsers(_ request: APIRequest) -> APIResponse {
        let mode: ListPagination.Mode
        switch ListPagination.mode(request.query) {
        case .success(let parsed): mode = parsed
        case .failure(let error): return error.response
        }
        let snapshot = store.snapshot()
        return ListPagination.respond(ids: snapshot.userIDs, mode: mode, resource: "users", path: "users.json",
                                      links: request.links) { id, writer in
            snapshot.user(id)?.write(to: &writer, links: request.links)
        }
    }

    /// `POST /users` → `201 {user}` + `Location`.
    func createUser(_ request: APIRequest) -> APIResponse {
        let input: UserInput
        switch bodyObject(request, member: "user") {
        case .success(let object): input = PeopleBodyParsing.user(object)
        case .failure(let error): return error.response
        }
        do {
            let user = try store.mutate { overlay, base, now throws(MutationError) in
                try overlay.createUser(input, base: base, now: now)
            }
            return userResponse(user, request, status: .created, location: true)
        } catch {
            return ZendeskErrors.mutationFailed(error)
        }
    }

    /// `PUT /users/{id}` → `200 {user}`.
    func updateUser(_ id: Int64, _ request: APIRequest) -> APIResponse {
        let input: UserInput
        switch bodyObject(request, member: "user") {
        case .success(let object): input = PeopleBodyParsing.user(object)
        case .failure(let error): return error.response
        }
        do {
            let user = try store.mutate { overlay, base, now throws(MutationError) in
                try overlay.updateUser(id, input, base: base, now: now)
            }
            return userResponse(user, request, status: .ok)
        } catch {
            return ZendeskErrors.mutationFailed(error)
        }
    }

    /// `POST /users/create_or_update`: matches on e-mail or external id → 200 (updated) or 201 (created).
    func createOrUpdateUser(_ request: APIRequest) -> APIResponse {
        let input: UserInput
        switch bodyObject(request, member: "user") {
        case .success(let object): input = PeopleBodyParsing.user(object)
        case .failure(let error): return error.response
        }
        do {
            let (user, created) = try store.mutate { overlay, base, now throws(MutationError) -> (UserRecord, Bool) in
                if let existing = ZendeskAPI.matchingUser(input, in: ZendeskSnapshot(base: base, overlay: overlay)) {
                    return (try overlay.updateUser(existing, input, base: base, now: now), false)
                }
                return (try overlay.createUser(input, base: base, now: now), true)
            }
            return userResponse(user, request, status: created ? .created : .ok, location: true)
        } catch {
            return ZendeskErrors.mutationFailed(error)
        }
    }

    /// The existing user a `create_or_update` body refers to, by e-mail or external id.
    static func matchingUser(_ input: UserInput, in snapshot: ZendeskSnapshot) -> Int64? {
        input.email.newValue.flatMap(snapshot.userID(forEmail:))
            ?? input.externalID.newValue.flatMap(snapshot.userID(forExternalID:))
    }

    private func userResponse(_ user: UserRecord, _ request: APIRequest, status: HTTPResponse.Status,
                              location: Bool = false) -> APIResponse {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.key("user")
        user.write(to: &writer, links: request.links)
        writer.endObject()
        var response = APIResponse.json(writer, status: status)
        if location { response.headers[.location] = request.links.user(user.id) }
        return response
    }
}
