import Foundation
import Hummingbird
import LooseJSON

/// JSON bodies for the server's answers, built from `JSONValue` so error and data shapes stay explicit.
enum JSONResponse {
    static func make(_ status: HTTPResponse.Status, _ value: JSONValue) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: value.jsonText)))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        make(status, .object(["error": .string(message)]))
    }
}
