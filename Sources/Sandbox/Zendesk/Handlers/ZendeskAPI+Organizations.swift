import Hummingbird

extension ZendeskAPI {
    func showOrganization(_ id: Int64, _ request: APIRequest) -> APIResponse {
        guard let organization = store.snapshot().organization(id) else { return ZendeskErrors.recordNotFound }
        return organizationResponse(organization, request, status: .ok)
    }

    func listOrganizations(_ request: APIRequest) -> APIResponse {
        let mode: ListPagination.Mode
        switch ListPagination.mode(request.query) {
        case .success(let parsed): mode = parsed
        case .failure(let error): return error.response
        }
        let snapshot = store.snapshot()
        return ListPagination.respond(ids: snapshot.organizationIDs, mode: mode, resource: "organizations",
                                      path: "organizations.json", links: request.links) { id, writer in
            snapshot.organization(id)?.write(to: &writer, links: request.links)
        }
    }

    /// `POST /organizations` → `201 {organization}` + `Location`.
    func createOrganization(_ request: APIRequest) -> APIResponse {
        let input: OrganizationInput
        switch bodyObject(request, member: "organization") {
        case .success(let object): input = PeopleBodyParsing.organization(object)
        case .failure(let error): return error.response
        }
        do {
            let organization = try store.mutate { overlay, base, now throws(MutationError) in
                try overlay.createOrganization(input, base: base, now: now)
            }
            var response = organizationResponse(organization, request, status: .created)
            response.headers[.location] = request.links.organization(organization.id)
            return response
        } catch {
            return ZendeskErrors.mutationFailed(error)
        }
    }

    /// `PUT /organizations/{id}` → `200 {organization}`.
    func updateOrganization(_ id: Int64, _ request: APIRequest) -> APIResponse {
        let input: OrganizationInput
        switch bodyObject(request, member: "organization") {
        case .success(let object): input = PeopleBodyParsing.organization(object)
        case .failure(let error): return error.response
        }
        do {
            let organization = try store.mutate { overlay, base, now throws(MutationError) in
                try overlay.updateOrganization(id, input, base: base, now: now)
            }
            return organizationResponse(organization, request, status: .ok)
        } catch {
            return ZendeskErrors.mutationFailed(error)
        }
    }

    /// `DELETE /organizations/{id}` → 204.
    func deleteOrganization(_ id: Int64) -> APIResponse {
        do {
            try store.mutate { overlay, base, now throws(MutationError) in
                try overlay.deleteOrganization(id, base: base, now: now)
            }
            return .noContent
        } catch {
            return ZendeskErrors.mutationFailed(error)
        }
    }

    private func organizationResponse(_ organization: OrganizationRecord, _ request: APIRequest,
                                      status: HTTPResponse.Status) -> APIResponse {
        var writer = JSONWriter(capacity: 512)
        writer.beginObject()
        writer.key("organization")
        organization.write(to: &writer, links: request.links)
        writer.endObject()
        return .json(writer, status: status)
    }
}
