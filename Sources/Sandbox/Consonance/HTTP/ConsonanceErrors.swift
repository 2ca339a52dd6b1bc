import Hummingbird

/// The sandbox's non-GraphQL error bodies, shaped like GraphQL errors (`{"errors":[{"message":…}]}`) so a client
/// has one error format to read whatever went wrong.
enum ConsonanceErrors {
    static func response(_ status: HTTPResponse.Status, _ message: String) -> APIResponse {
        var writer = JSONWriter(capacity: 96 + message.utf8.count)
        writer.beginObject()
        writer.arrayField("errors") { errors in
            errors.beginObject()
            errors.field("message", message)
            errors.endObject()
        }
        writer.endObject()
        return .json(writer, status: status)
    }

    /// 401 for a missing or wrong key, with `WWW-Authenticate: Bearer` and no data.
    static func unauthorized(missing: Bool) -> APIResponse {
        var response = self.response(
            .unauthorized,
            missing ? "Missing API key: send Authorization: Bearer <your Consonance API key>" : "Invalid API key")
        response.headers[.wwwAuthenticate] = "Bearer realm=\"Consonance\""
        return response
    }

    static var notFound: APIResponse { response(.notFound, "Not found") }
}
