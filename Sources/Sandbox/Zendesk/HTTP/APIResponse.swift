import Hummingbird
import NIOCore

/// A complete response produced by the sandbox: status, headers and the whole body.
///
/// Keeping the body as bytes (rather than a streaming `ResponseBody`) lets the fault injector cut it off part-way
/// and lets idempotent requests replay it verbatim.
struct APIResponse: Sendable {
    static let jsonContentType = "application/json; charset=utf-8"

    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    init(status: HTTPResponse.Status, headers: HTTPFields = [:], body: ByteBuffer = ByteBuffer()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response.
    static func json(_ writer: JSONWriter, status: HTTPResponse.Status = .ok) -> APIResponse {
        APIResponse(status: status, headers: [.contentType: jsonContentType], body: writer.byteBuffer)
    }

    /// A plain-text response.
    static func text(_ text: String, status: HTTPResponse.Status) -> APIResponse {
        APIResponse(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: ByteBuffer(string: text))
    }

    /// `204 No Content`.
    static let noContent = APIResponse(status: .noContent)

    /// The Hummingbird response carrying this one.
    var hummingbirdResponse: Response {
        Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}
