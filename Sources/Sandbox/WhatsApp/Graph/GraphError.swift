import Hummingbird

/// A synchronous Graph API failure, answered with Meta's error envelope (reference §4.1): `message` "(#code) …",
/// `type` OAuthException, `code`, `error_data {messaging_product, details}` and a `fbtrace_id`.
///
/// Every refusal of the sandbox's API side is one of these, so clients exercise the same branching on `code` that the
/// real Cloud API demands.
public struct GraphError: Error, Sendable, Equatable {
    /// Graph `error.code` (190, 100, 131009, 132001, 130429, …).
    public var code: Int
    /// The HTTP status sent with it.
    public var httpStatus: Int
    /// The text after "(#code) " in `error.message`.
    public var message: String
    /// `error.error_data.details`.
    public var details: String
    /// `error.error_subcode`, rarely sent (33 for missing objects).
    public var subcode: Int?
    /// `error.type`.
    public var type: String

    public init(code: Int, httpStatus: Int, message: String, details: String, subcode: Int? = nil,
                type: String = "OAuthException") {
        self.code = code
        self.httpStatus = httpStatus
        self.message = message
        self.details = details
        self.subcode = subcode
        self.type = type
    }

    /// The envelope, with `fbtrace_id` as given.
    func json(fbtraceID: String) -> JSONWriter {
        var writer = JSONWriter(capacity: 384)
        writer.beginObject()
        writer.objectField("error") { error in
            error.field("message", "(#\(code)) \(message)")
            error.field("type", type)
            error.field("code", code)
            error.objectField("error_data") { data in
                data.field("messaging_product", "whatsapp")
                data.field("details", details)
            }
            if let subcode { error.field("error_subcode", subcode) }
            error.field("fbtrace_id", fbtraceID)
        }
        writer.endObject()
        return writer
    }

    func response(fbtraceID: String) -> APIResponse {
        var response = APIResponse.json(json(fbtraceID: fbtraceID),
                                        status: HTTPResponse.Status(code: httpStatus))
        response.headers[named: "www-authenticate"] = httpStatus == 401
            ? "OAuth \"Facebook Platform\" \"invalid_token\" \"\(message)\"" : nil
        return response
    }
}
