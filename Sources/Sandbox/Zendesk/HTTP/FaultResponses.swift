import Hummingbird
import NIOCore

/// Produces injected faults: error responses, connection resets and truncated bodies.
enum FaultResponses {
    /// The response for a fault that replaces the real answer (500, 503, 429).
    static func replacement(for fault: InjectedFault) -> APIResponse {
        switch fault.kind {
        case .internalServerError where fault.htmlBody:
            var response = APIResponse(status: .internalServerError,
                                       headers: [.contentType: "text/html; charset=utf-8"],
                                       body: ByteBuffer(string: internalErrorPage))
            response.headers[.cacheControl] = "no-cache"
            return response
        case .internalServerError:
            var writer = JSONWriter(capacity: 64)
            writer.beginObject()
            writer.field("status", 500)
            writer.field("error", "Internal Server Error")
            writer.endObject()
            return .json(writer, status: .internalServerError)
        case .serviceUnavailable:
            var response = APIResponse.text("Service Unavailable: the server is temporarily unable to handle the request.",
                                            status: .serviceUnavailable)
            response.headers[.retryAfter] = "1"
            return response
        default:
            var response = APIResponse.text("Too Many Requests", status: .tooManyRequests)
            response.headers[.retryAfter] = "1"
            return response
        }
    }

    /// Closes the connection with an RST (SO_LINGER 0) so the client sees a reset, not a clean close.
    static func reset(_ channel: any Channel) async {
        if let options = channel as? any SocketOptionProvider {
            try? await options.setSoLinger(NIOLinger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
    }

    /// The real head (with the full `Content-Length`) and the first half of the body, then the connection closes.
    static func truncated(_ response: APIResponse, channel: any Channel) -> Response {
        let full = response.body
        let partial = full.getSlice(at: full.readerIndex, length: max(1, full.readableBytes / 2)) ?? full
        return Response(
            status: response.status, headers: response.headers,
            body: ResponseBody(contentLength: full.readableBytes) { writer in
                try await writer.write(partial)
                try await channel.close()
                throw TruncatedByFault()
            })
    }

    /// Thrown after an injected reset or truncation so Hummingbird abandons the connection.
    struct TruncatedByFault: Error {}

    private static let internalErrorPage = """
        <!DOCTYPE html>
        <html><head><title>500 Internal Server Error</title></head>
        <body><h1>Internal Server Error</h1><p>Something went wrong on our end. Please try again.</p></body></html>
        """
}
