import Foundation
import Hummingbird

extension ZendeskAPI {
    /// `GET /webhooks` (cursor; `filter[name_contains]`, `filter[status]`).
    func listWebhooks(_ request: APIRequest) -> APIResponse {
        var list = webhooks.all()
        if let name = request.query["filter[name_contains]"] {
            list = list.filter { $0.name.range(of: name, options: .caseInsensitive) != nil }
        }
        if let status = request.query["filter[status]"] { list = list.filter { $0.status == status } }
        return cursorList(list.count, request, resource: "webhooks", path: "webhooks") { position, writer in
            list[position].write(to: &writer)
        }
    }

    /// `POST /webhooks` → `201 {webhook}`.
    func createWebhook(_ request: APIRequest) -> APIResponse {
        let object: JSONValue
        switch bodyObject(request, member: "webhook") {
        case .success(let parsed): object = parsed
        case .failure(let error): return error.response
        }
        switch webhooks.create(object, actorID: actorID(request, in: store.snapshot()), now: clock()) {
        case .success(let webhook): return webhookResponse(webhook, status: .created)
        case .failure(let error): return ZendeskErrors.mutationFailed(error)
        }
    }

    func showWebhook(_ id: String) -> APIResponse {
        guard let webhook = webhooks.webhook(id) else { return ZendeskErrors.recordNotFound }
        return webhookResponse(webhook, status: .ok)
    }

    /// `PUT` / `PATCH /webhooks/{id}` → 204.
    func updateWebhook(_ id: String, _ request: APIRequest) -> APIResponse {
        let object: JSONValue
        switch bodyObject(request, member: "webhook") {
        case .success(let parsed): object = parsed
        case .failure(let error): return error.response
        }
        switch webhooks.update(id, object, actorID: actorID(request, in: store.snapshot()), now: clock()) {
        case .success: return .noContent
        case .failure(let error): return ZendeskErrors.mutationFailed(error)
        }
    }

    func deleteWebhook(_ id: String) -> APIResponse {
        webhooks.delete(id) ? .noContent : ZendeskErrors.recordNotFound
    }

    /// `GET` shows the secret; `POST` replaces it and answers 201.
    func webhookSecret(_ id: String, rotate: Bool) -> APIResponse {
        let secret = rotate ? webhooks.rotateSecret(id) : webhooks.webhook(id)?.signingSecret
        guard let secret else { return ZendeskErrors.recordNotFound }
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.objectField("signing_secret") { object in
            object.field("secret", secret)
            object.field("algorithm", "SHA256")
        }
        writer.endObject()
        return .json(writer, status: rotate ? .created : .ok)
    }

    /// `GET /webhooks/{id}/invocations`: newest first, with the latest attempt's status.
    func listWebhookInvocations(_ id: String, _ request: APIRequest) -> APIResponse {
        guard webhooks.webhook(id) != nil else { return ZendeskErrors.recordNotFound }
        let invocations = deliveries.invocations(ofWebhook: id)
        return cursorList(invocations.count, request, resource: "invocations",
                          path: "webhooks/\(id)/invocations") { position, writer in
            let invocation = invocations[position]
            writer.beginObject()
            writer.field("id", invocation.id)
            writer.field("status", invocation.status)
            if let code = invocation.statusCode { writer.field("status_code", code) }
            writer.field("created_at", UTCTimestamp.fractionalString(invocation.createdAt))
            writer.field("latest_completed_at", invocation.latestCompletedAt.map(UTCTimestamp.fractionalString))
            writer.endObject()
        }
    }

    /// `GET /webhooks/{id}/invocations/{invocation_id}/attempts`: every request made, with headers and payload.
    func listInvocationAttempts(webhookID: String, invocationID: String) -> APIResponse {
        let attempts = deliveries.attempts(ofInvocation: invocationID).filter { $0.webhookID == webhookID }
        guard !attempts.isEmpty else { return ZendeskErrors.recordNotFound }
        var writer = JSONWriter(capacity: 1024 * attempts.count)
        writer.beginObject()
        writer.arrayField("attempts") { array in
            for attempt in attempts {
                array.beginObject()
                array.field("id", "\(attempt.invocationID)-\(attempt.attempt)")
                array.field("invocation_id", attempt.invocationID)
                let outcome: WebhookAttemptOutcome = attempt.statusCode.map { .response(status: $0, retryAfter: nil) }
                    ?? (attempt.error == "timeout" ? .timeout : .connectionFailed(attempt.error ?? ""))
                array.field("status", outcome.invocationStatus)
                array.field("status_code", attempt.statusCode)
                array.objectField("request") { request in
                    request.arrayField("headers") { headers in
                        for name in attempt.headers.keys.sorted() {
                            headers.beginObject()
                            headers.field("key", name)
                            headers.field("value", attempt.headers[name])
                            headers.endObject()
                        }
                    }
                    request.field("payload", attempt.body)
                }
                array.field("completed_at", UTCTimestamp.fractionalString(attempt.time))
                array.endObject()
            }
        }
        writer.endObject()
        return .json(writer)
    }

    private func webhookResponse(_ webhook: WebhookRecord, status: HTTPResponse.Status) -> APIResponse {
        var writer = JSONWriter(capacity: 1024)
        writer.beginObject()
        writer.key("webhook")
        webhook.write(to: &writer)
        writer.endObject()
        return .json(writer, status: status)
    }

    /// A cursor-paginated list of `count` in-memory items (default page size 100, as the Webhooks API).
    func cursorList(_ count: Int, _ request: APIRequest, resource: StaticString, path: String,
                    write: (Int, inout JSONWriter) -> Void) -> APIResponse {
        let mode: ListPagination.Mode
        switch ListPagination.mode(request.query) {
        case .success(.offset(_, let perPage)): mode = .cursor(size: perPage, after: nil, before: nil)
        case .success(let parsed): mode = parsed
        case .failure(let error): return error.response
        }
        let positions = DenseIDSpace(firstID: 1, lastID: Int64(count), removed: [])
        return ListPagination.respond(ids: positions, mode: mode, resource: resource, path: path,
                                      links: request.links) { position, writer in
            write(Int(position) - 1, &writer)
        }
    }
}
