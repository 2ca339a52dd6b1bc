import Foundation

/// The Zendesk API's behaviour: turns an authenticated request into a response, reading snapshots of the store and
/// sending changes through it. Transport concerns (auth, budgets, faults, logging) live in `ZendeskResponder`.
struct ZendeskAPI: Sendable {
    let store: ZendeskStore
    let exportLag: Duration
    let webhooks: WebhookRegistry
    let deliveries: WebhookDeliveryLog
    let triggers: RecordTable<TriggerRecord>
    let macros: RecordTable<MacroRecord>
    let clock: @Sendable () -> Date

    func handle(_ request: APIRequest) -> APIResponse {
        switch request.endpoint {
        case .currentUser: return currentUser(request)
        case .listTickets: return listTickets(request)
        case .countTickets: return count(store.snapshot().ticketIDs.count)
        case .showManyTickets: return showManyTickets(request)
        case .createTicket: return createTicket(request)
        case .showTicket(let id): return showTicket(id, request)
        case .updateTicket(let id): return updateTicket(id, request)
        case .deleteTicket(let id): return deleteTicket(id, request)
        case .listComments(let id): return listComments(id, request)
        case .listTicketTags(let id): return listTicketTags(id)
        case .addTicketTags(let id): return editTicketTags(id, request, edit: TagEdit.add, status: .ok)
        case .replaceTicketTags(let id): return editTicketTags(id, request, edit: TagEdit.replace, status: .created)
        case .removeTicketTags(let id): return editTicketTags(id, request, edit: TagEdit.remove, status: .noContent)
        case .listUsers: return listUsers(request)
        case .countUsers: return count(store.snapshot().userIDs.count)
        case .createUser: return createUser(request)
        case .createOrUpdateUser: return createOrUpdateUser(request)
        case .showUser(let id): return showUser(id, request)
        case .updateUser(let id): return updateUser(id, request)
        case .listOrganizations: return listOrganizations(request)
        case .countOrganizations: return count(store.snapshot().organizationIDs.count)
        case .createOrganization: return createOrganization(request)
        case .showOrganization(let id): return showOrganization(id, request)
        case .updateOrganization(let id): return updateOrganization(id, request)
        case .deleteOrganization(let id): return deleteOrganization(id)
        case .listTags: return listTags(request)
        case .exportTickets: return exportTickets(request)
        case .exportUsers: return exportUsers(request)
        case .exportOrganizations: return exportOrganizations(request)
        case .exportTicketEvents: return exportTicketEvents(request)
        default: return handleAutomation(request)
        }
    }

    /// Audits, search, webhooks, triggers and macros.
    private func handleAutomation(_ request: APIRequest) -> APIResponse {
        switch request.endpoint {
        case .listAudits(let id): return listAudits(id, request)
        case .search: return search(request, countOnly: false)
        case .searchCount: return search(request, countOnly: true)
        case .searchUsers: return searchUsers(request)
        case .listWebhooks: return listWebhooks(request)
        case .createWebhook: return createWebhook(request)
        case .showWebhook(let id): return showWebhook(id)
        case .updateWebhook(let id): return updateWebhook(id, request)
        case .deleteWebhook(let id): return deleteWebhook(id)
        case .showWebhookSecret(let id): return webhookSecret(id, rotate: false)
        case .rotateWebhookSecret(let id): return webhookSecret(id, rotate: true)
        case .listWebhookInvocations(let id): return listWebhookInvocations(id, request)
        case .listInvocationAttempts(let webhook, let invocation):
            return listInvocationAttempts(webhookID: webhook, invocationID: invocation)
        case .listTriggers: return listTriggers(request)
        case .createTrigger: return createTrigger(request)
        case .showTrigger(let id): return showTrigger(id, request)
        case .updateTrigger(let id): return updateTrigger(id, request)
        case .deleteTrigger(let id): return deleteTrigger(id)
        case .listMacros: return listMacros(request)
        case .listActiveMacros: return listMacros(request, onlyActive: true)
        case .searchMacros: return listMacros(request, searching: true)
        case .createMacro: return createMacro(request)
        case .showMacro(let id): return showMacro(id, request)
        case .updateMacro(let id): return updateMacro(id, request)
        case .deleteMacro(let id): return deleteMacro(id)
        default: return ZendeskErrors.invalidEndpoint
        }
    }

    /// The id of the user making the request (the admin if the credentials belong to no known user).
    func actorID(_ request: APIRequest, in snapshot: ZendeskSnapshot) -> Int64 {
        snapshot.userID(forEmail: request.caller.email) ?? snapshot.layout.userID(1)
    }

    /// `{"count":{"value":N,"refreshed_at":"…"}}`.
    private func count(_ value: Int) -> APIResponse {
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writer.objectField("count") { count in
            count.field("value", value)
            count.timestampField("refreshed_at", store.now)
        }
        writer.endObject()
        return .json(writer)
    }

    private func currentUser(_ request: APIRequest) -> APIResponse {
        let snapshot = store.snapshot()
        guard let user = snapshot.user(actorID(request, in: snapshot)) else { return ZendeskErrors.recordNotFound }
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.key("user")
        user.write(to: &writer, links: request.links, authenticityToken: "sandbox-authenticity-token")
        writer.endObject()
        return .json(writer)
    }

    /// The body's `{"<member>":{…}}` object, or a 400 when it is missing.
    func bodyObject(_ request: APIRequest, member: String) -> Result<JSONValue, APIResponseError> {
        guard let body = request.body else {
            return .failure(APIResponseError(ZendeskErrors.parameterMissing(member)))
        }
        guard let object = body[member], object.objectValue != nil else {
            return .failure(APIResponseError(ZendeskErrors.parameterMissing(member)))
        }
        return .success(object)
    }
}

/// A response to send instead of continuing, carried through `Result`.
struct APIResponseError: Error {
    var response: APIResponse

    init(_ response: APIResponse) {
        self.response = response
    }
}
