import Foundation
import Hummingbird
import NIOCore

/// The request pipeline of the Consonance sandbox: `/_sandbox/…` admin endpoints (no key), then for `POST /graphql`
/// fault injection, the API key, and the GraphQL endpoint; everything received on the API side goes into the log.
///
/// Faults are decided before anything else, so a 5xx, 429 or reset has no side effect; a truncated or slow response
/// is the real response (the query ran, mutations applied) delivered badly.
struct ConsonanceResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    static let maximumBodySize = 4 * 1024 * 1024

    let services: ConsonanceServices
    let admin: ConsonanceAdminEndpoints

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        if path == "/_sandbox" || path.hasPrefix("/_sandbox/") {
            var request = request
            let body = try await request.collectBody(upTo: ConsonanceResponder.maximumBodySize)
            return admin.handle(method: request.method, path: path, body: Array(body.readableBytesView))
                .hummingbirdResponse
        }
        var entry = ConsonanceRequestRecord(time: Date(), method: request.method.rawValue, path: path)
        guard path == "/graphql", request.method == .post else {
            // Consonance routes only POST /graphql; anything else is a routing 404.
            return finish(ConsonanceErrors.notFound, &entry).hummingbirdResponse
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

        let response: APIResponse
        switch services.authenticator.check(request.headers[.authorization]) {
        case .missing:
            entry.authFailed = true
            response = ConsonanceErrors.unauthorized(missing: true)
        case .wrong:
            entry.authFailed = true
            response = ConsonanceErrors.unauthorized(missing: false)
        case .accepted:
            var request = request
            let body = try await request.collectBody(upTo: ConsonanceResponder.maximumBodySize)
            response = await GraphQLEndpoint(services: services).respond(body: Array(body.readableBytesView), entry: &entry)
        }

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

    private func finish(_ response: APIResponse, _ entry: inout ConsonanceRequestRecord) -> APIResponse {
        entry.status = Int(response.status.code)
        services.log.append(entry)
        return response
    }
}
