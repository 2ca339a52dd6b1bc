import Hummingbird

extension ZendeskEndpoint {
    /// Routes added for flows: audits, search, user search, webhooks, triggers and macros.
    static func matchAutomation(_ method: HTTPRequest.Method, _ path: [String]) -> ZendeskEndpoint? {
        let second = path.count >= 2 ? path[1] : nil
        switch (path.first, path.count) {
        case ("tickets", 3) where path[2] == "audits" && method == .get:
            return Int64(path[1]).map { .listAudits($0) }
        case ("users", 2) where second == "search" && method == .get:
            return .searchUsers
        case ("search", 1) where method == .get:
            return .search
        case ("search", 2) where second == "count" && method == .get:
            return .searchCount
        case ("webhooks", _):
            return webhookRoute(method, path)
        case ("triggers", _):
            return ruleRoute(method, path, list: .listTriggers, create: .createTrigger, show: { .showTrigger($0) },
                             update: { .updateTrigger($0) }, delete: { .deleteTrigger($0) })
        case ("macros", 2) where second == "active" && method == .get:
            return .listActiveMacros
        case ("macros", 2) where second == "search" && method == .get:
            return .searchMacros
        case ("macros", _):
            return ruleRoute(method, path, list: .listMacros, create: .createMacro, show: { .showMacro($0) },
                             update: { .updateMacro($0) }, delete: { .deleteMacro($0) })
        default:
            return nil
        }
    }

    private static func webhookRoute(_ method: HTTPRequest.Method, _ path: [String]) -> ZendeskEndpoint? {
        switch path.count {
        case 1:
            return method == .get ? .listWebhooks : (method == .post ? .createWebhook : nil)
        case 2:
            switch method {
            case .get: return .showWebhook(path[1])
            case .put, .patch: return .updateWebhook(path[1])
            case .delete: return .deleteWebhook(path[1])
            default: return nil
            }
        case 3 where path[2] == "signing_secret":
            return method == .get ? .showWebhookSecret(path[1]) : (method == .post ? .rotateWebhookSecret(path[1]) : nil)
        case 3 where path[2] == "invocations" && method == .get:
            return .listWebhookInvocations(path[1])
        case 5 where path[2] == "invocations" && path[4] == "attempts" && method == .get:
            return .listInvocationAttempts(webhook: path[1], invocation: path[3])
        default:
            return nil
        }
    }

    private static func ruleRoute(
        _ method: HTTPRequest.Method, _ path: [String], list: ZendeskEndpoint, create: ZendeskEndpoint,
        show: (Int64) -> ZendeskEndpoint, update: (Int64) -> ZendeskEndpoint, delete: (Int64) -> ZendeskEndpoint
    ) -> ZendeskEndpoint? {
        if path.count == 1 { return method == .get ? list : (method == .post ? create : nil) }
        guard path.count == 2, let id = Int64(path[1]) else { return nil }
        switch method {
        case .get: return show(id)
        case .put: return update(id)
        case .delete: return delete(id)
        default: return nil
        }
    }
}
