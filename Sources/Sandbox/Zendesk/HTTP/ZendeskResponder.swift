import Foundation
import Hummingbird
import NIOCore

/// The request pipeline of the Zendesk sandbox: request log, fault injection, authentication, rate limiting, the API
/// itself, and the headers Zendesk puts on every response.
///
/// Faults are decided before anything else, so a 5xx, 429 or reset has no side effect and consumes no budget.
/// A truncated or slow response is the real response (the handler runs, budget is counted) delivered badly.
struct ZendeskResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    static let maximumBodySize = 2 * 1024 * 1024

    let services: ZendeskServices

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if path == "/_sandbox/requests" || path == "/_sandbox/requests.json" {
            return APIResponse.json(services.log.json()).hummingbirdResponse
        }
        var entry = SandboxRequestRecord(time: services.clock(), method: request.method.rawValue, path: path,
                                         query: request.uri.query, status: nil, budget: nil, fault: nil,
                                         authFailed: false, rateLimited: false)
        if path.hasPrefix("/oauth/"),  // the OAuth authorization-code endpoints: no faults, no budget
           let response = try await OAuthEndpoints(grants: services.oauth, clock: services.clock).respond(to: request) {
            return finish(response, &entry).hummingbirdResponse
        }
        guard path == "/api/v2" || path.hasPrefix("/api/v2/") else {
            return finish(ZendeskErrors.invalidEndpoint, &entry).hummingbirdResponse
        }

        let fault = services.faults.draw(method: request.method.rawValue, path: path)
        entry.fault = fault?.kind
        switch fault?.kind {
        case .connectionReset?:
            services.log.append(entry)
            await FaultResponses.reset(context.channel)
            throw FaultResponses.TruncatedByFault()
        case .internalServerError?, .serviceUnavailable?, .tooManyRequests?:
            return finish(FaultResponses.replacement(for: fault!), &entry).hummingbirdResponse
        case .slowResponse?:
            try await Task.sleep(for: fault!.delay)
        case .truncatedBody?, nil:
            break
        }

        let response = try await apiResponse(request, context: context, entry: &entry)
        if fault?.kind == .truncatedBody {
            guard response.body.readableBytes > 1 else {
                services.log.append(entry)
                await FaultResponses.reset(context.channel)
                throw FaultResponses.TruncatedByFault()
            }
            entry.status = Int(response.status.code)
            services.log.append(entry)
            return FaultResponses.truncated(response, channel: context.channel)
        }
        return finish(response, &entry).hummingbirdResponse
    }

    /// Authentication, budget and the API call, with rate-limit headers added.
    private func apiResponse(_ request: Request, context: Context,
                             entry: inout SandboxRequestRecord) async throws -> APIResponse {
        let endpoint = ZendeskEndpoint(method: request.method, path: request.uri.path)
        guard let caller = services.authenticator.authenticate(request.headers[.authorization]) else {
            entry.authFailed = true
            return withRateLimitHeaders(ZendeskErrors.unauthorized, endpoint: endpoint)
        }
        entry.budget = endpoint.budget
        if case .rejected(let retryAfter) = services.rateLimiter.consume(endpoint.budget, at: services.clock()) {
            entry.rateLimited = true
            return withRateLimitHeaders(ZendeskErrors.rateLimited(retryAfter: retryAfter), endpoint: endpoint)
        }
        var body: JSONValue?
        if request.method != .get && request.method != .head {
            var request = request
            let buffer = try await request.collectBody(upTo: ZendeskResponder.maximumBodySize)
            let bytes = Array(buffer.readableBytesView)
            if !bytes.isEmpty {
                guard let parsed = JSONValue.parse(bytes) else {
                    return withRateLimitHeaders(
                        ZendeskErrors.simple(.badRequest, code: "InvalidJSON", description: "The request body is not valid JSON"),
                        endpoint: endpoint)
                }
                body = parsed
            }
        }
        let host = request.head.authority ?? ZendeskResponder.localHost(context.channel)
        let apiRequest = APIRequest(endpoint: endpoint, query: QueryItems(request.uri.query), body: body,
                                    links: ZendeskLinks(host: host), caller: caller,
                                    idempotencyKey: request.headers[named: "Idempotency-Key"])
        return withRateLimitHeaders(services.api.handle(apiRequest), endpoint: endpoint)
    }

    /// `x-rate-limit*` (account), `ratelimit-*` (the endpoint's budget) and, on ticket lists,
    /// `zendesk-ratelimit-tickets-index`; unlimited budgets report nothing.
    private func withRateLimitHeaders(_ response: APIResponse, endpoint: ZendeskEndpoint) -> APIResponse {
        var response = response
        let now = services.clock()
        if let account = services.rateLimiter.status(.account, at: now) {
            response.headers[named: "x-rate-limit"] = String(account.limit)
            response.headers[named: "x-rate-limit-remaining"] = String(account.remaining)
        }
        if let budget = services.rateLimiter.status(endpoint.budget, at: now) {
            response.headers[named: "ratelimit-limit"] = String(budget.limit)
            response.headers[named: "ratelimit-remaining"] = String(budget.remaining)
            response.headers[named: "ratelimit-reset"] = String(budget.resetSeconds)
            if endpoint.listsTickets {
                response.headers[named: "zendesk-ratelimit-tickets-index"] =
                    "total=\(budget.limit); remaining=\(budget.remaining); resets=\(budget.resetSeconds)"
            }
        }
        response.headers[named: "x-zendesk-api-version"] = "v2"
        return response
    }

    private func finish(_ response: APIResponse, _ entry: inout SandboxRequestRecord) -> APIResponse {
        entry.status = Int(response.status.code)
        services.log.append(entry)
        return response
    }

    private static func localHost(_ channel: any Channel) -> String {
        guard let address = channel.localAddress, let port = address.port else { return "127.0.0.1" }
        return "\(address.ipAddress ?? "127.0.0.1"):\(port)"
    }
}
