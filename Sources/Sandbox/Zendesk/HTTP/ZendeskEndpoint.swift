import Hummingbird

/// The Zendesk API operations the sandbox implements, recognised from method and path.
///
/// Paths are matched after `/api/v2`, with or without the `.json` suffix Zendesk's own links carry.
enum ZendeskEndpoint: Sendable, Equatable {
    case currentUser
    case listTickets, countTickets, showManyTickets, createTicket
    case showTicket(Int64), updateTicket(Int64), deleteTicket(Int64)
    case listComments(Int64)
    case listTicketTags(Int64), addTicketTags(Int64), replaceTicketTags(Int64), removeTicketTags(Int64)
    case listUsers, countUsers, createUser, createOrUpdateUser, showUser(Int64), updateUser(Int64)
    case listOrganizations, countOrganizations, createOrganization
    case showOrganization(Int64), updateOrganization(Int64), deleteOrganization(Int64)
    case listTags
    case exportTickets, exportUsers, exportOrganizations, exportTicketEvents
    case listAudits(Int64), searchUsers, search, searchCount
    case listWebhooks, createWebhook, showWebhook(String), updateWebhook(String), deleteWebhook(String)
    case showWebhookSecret(String), rotateWebhookSecret(String)
    case listWebhookInvocations(String), listInvocationAttempts(webhook: String, invocation: String)
    case listTriggers, createTrigger, showTrigger(Int64), updateTrigger(Int64), deleteTrigger(Int64)
    case listMacros, listActiveMacros, searchMacros, createMacro, showMacro(Int64), updateMacro(Int64)
    case deleteMacro(Int64)
    case unknown

    /// Recognises `method` + `path` (the full request path, starting with `/api/v2`).
    init(method: HTTPRequest.Method, path: String) {
        var segments = path.split(separator: "/").map(String.init)
        guard segments.count >= 2, segments[0] == "api", segments[1] == "v2" else {
            self = .unknown
            return
        }
        segments.removeFirst(2)
        if let last = segments.last, last.hasSuffix(".json") {
            segments[segments.count - 1] = String(last.dropLast(5))
        }
        self = ZendeskEndpoint.match(method, segments) ?? ZendeskEndpoint.matchAutomation(method, segments) ?? .unknown
    }

    /// The budget the endpoint counts against.
    var budget: SandboxBudget {
        switch self {
        case .exportTickets, .exportUsers, .exportOrganizations, .exportTicketEvents: return .export
        default: return .account
        }
    }

    /// Ticket list endpoints report the `zendesk-ratelimit-tickets-index` header.
    var listsTickets: Bool {
        switch self {
        case .listTickets, .showManyTickets: return true
        default: return false
        }
    }

    private static func match(_ method: HTTPRequest.Method, _ path: [String]) -> ZendeskEndpoint? {
        let id = path.count >= 2 ? Int64(path[1]) : nil
        switch (path.first, path.count) {
        case ("users", 2) where path[1] == "me" && method == .get:
            return .currentUser
        case ("users", 2) where path[1] == "count" && method == .get:
            return .countUsers
        case ("users", 2) where path[1] == "create_or_update" && method == .post:
            return .createOrUpdateUser
        case ("users", 1):
            return method == .get ? .listUsers : (method == .post ? .createUser : nil)
        case ("users", 2):
            guard let id else { return nil }
            return method == .get ? .showUser(id) : (method == .put ? .updateUser(id) : nil)
        case ("tickets", 1):
            return method == .get ? .listTickets : (method == .post ? .createTicket : nil)
        case ("tickets", 2) where path[1] == "count" && method == .get:
            return .countTickets
        case ("tickets", 2) where path[1] == "show_many" && method == .get:
            return .showManyTickets
        case ("tickets", 2):
            guard let id else { return nil }
            switch method {
            case .get: return .showTicket(id)
            case .put: return .updateTicket(id)
            case .delete: return .deleteTicket(id)
            default: return nil
            }
        case ("tickets", 3) where path[2] == "comments" && method == .get:
            return id.map { .listComments($0) }
        case ("tickets", 3) where path[2] == "tags":
            guard let id else { return nil }
            switch method {
            case .get: return .listTicketTags(id)
            case .put: return .addTicketTags(id)
            case .post: return .replaceTicketTags(id)
            case .delete: return .removeTicketTags(id)
            default: return nil
            }
        case ("organizations", 1):
            return method == .get ? .listOrganizations : (method == .post ? .createOrganization : nil)
        case ("organizations", 2) where path[1] == "count" && method == .get:
            return .countOrganizations
        case ("organizations", 2):
            guard let id else { return nil }
            switch method {
            case .get: return .showOrganization(id)
            case .put: return .updateOrganization(id)
            case .delete: return .deleteOrganization(id)
            default: return nil
            }
        case ("tags", 1) where method == .get:
            return .listTags
        case ("incremental", 3) where path[2] == "cursor" && method == .get:
            return path[1] == "tickets" ? .exportTickets : (path[1] == "users" ? .exportUsers : nil)
        case ("incremental", 2) where method == .get:
            return path[1] == "organizations" ? .exportOrganizations
                : (path[1] == "ticket_events" ? .exportTicketEvents : nil)
        default:
            return nil
        }
    }
}
