import Hummingbird

/// Zendesk's error bodies (reference §6), one function per envelope shape.
enum ZendeskErrors {
    /// Shape 1: `{"error":"<Code>","description":"<text>"}`.
    static func simple(_ status: HTTPResponse.Status, code: String, description: String) -> APIResponse {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.field("error", code)
        writer.field("description", description)
        writer.endObject()
        return .json(writer, status: status)
    }

    /// Shape 2: 422 `RecordInvalid` with a `details` map.
    static func recordInvalid(_ errors: [FieldError]) -> APIResponse {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.field("error", "RecordInvalid")
        writer.field("description", "Record validation errors")
        writer.objectField("details") { details in
            var fields: [String] = []
            for error in errors where !fields.contains(error.field) { fields.append(error.field) }
            for field in fields {
                details.key(field)
                details.beginArray()
                for error in errors where error.field == field {
                    details.beginObject()
                    details.field("description", error.description)
                    details.field("error", error.error)
                    details.endObject()
                }
                details.endArray()
            }
        }
        writer.endObject()
        return .json(writer, status: .unprocessableContent)
    }

    /// Shape 3: `{"error":{"title":…,"message":…}}`.
    static func titled(_ status: HTTPResponse.Status, title: String, message: String) -> APIResponse {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.objectField("error") { error in
            error.field("title", title)
            error.field("message", message)
        }
        writer.endObject()
        return .json(writer, status: status)
    }

    /// Shape 4: `{"errors":[{"code":…,"title":…}]}`.
    static func list(_ status: HTTPResponse.Status, code: String, title: String) -> APIResponse {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.arrayField("errors") { errors in
            errors.beginObject()
            errors.field("code", code)
            errors.field("title", title)
            errors.endObject()
        }
        writer.endObject()
        return .json(writer, status: status)
    }

    /// 401 with Zendesk's exact body.
    static var unauthorized: APIResponse {
        var writer = JSONWriter(capacity: 48)
        writer.beginObject()
        writer.field("error", "Couldn't authenticate you")
        writer.endObject()
        var response = APIResponse.json(writer, status: .unauthorized)
        response.headers[.wwwAuthenticate] = "Basic realm=\"Web Password\""
        return response
    }

    static var recordNotFound: APIResponse {
        simple(.notFound, code: "RecordNotFound", description: "Not found")
    }

    static var invalidEndpoint: APIResponse {
        simple(.notFound, code: "InvalidEndpoint", description: "Not found")
    }

    /// 400 for more than 100 ids, byte for byte as observed (note the double space).
    static var tooManyValues: APIResponse {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.field("error", "TooManyValues")
        writer.field("description", "Parameter  cannot specify more than 100 values")
        writer.field("max_count", 100)
        writer.endObject()
        return .json(writer, status: .badRequest)
    }

    /// 400 when offset pagination goes past 10,000 records.
    static var paginationTooDeep: APIResponse {
        list(.badRequest, code: "InvalidPaginationDepth",
             title: "Offset pagination is limited to the first 10000 records. Use cursor pagination instead.")
    }

    /// 409 for a `safe_update` whose `updated_stamp` is stale (text as in Zendesk's safe-update documentation).
    static var updateConflict: APIResponse {
        simple(.conflict, code: "UpdateConflict",
               description: "Safe Update prevented the update due to outdated ticket data. "
                   + "Please fetch the latest ticket data and try again.")
    }

    static func parameterMissing(_ name: String) -> APIResponse {
        simple(.badRequest, code: "ParameterMissing", description: "Parameter \(name) is required")
    }

    static func mutationFailed(_ error: MutationError) -> APIResponse {
        switch error {
        case .notFound: return recordNotFound
        case .invalid(let errors): return recordInvalid(errors)
        case .conflict: return updateConflict
        }
    }

    /// 429 from the rate limiter: plain text with `Retry-After`.
    static func rateLimited(retryAfter: Int) -> APIResponse {
        var response = APIResponse.text("Rate limit for this endpoint exceeded. Retry after \(retryAfter) seconds.",
                                        status: .tooManyRequests)
        response.headers[.retryAfter] = String(retryAfter)
        return response
    }
}
