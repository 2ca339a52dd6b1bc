import Foundation
import HTTPTypes
import Hummingbird

/// The small HTML pages a browser sees during the Zendesk OAuth flow: the outcome of the callback, or why the flow
/// could not start. Every text is HTML-escaped, and the pages are never cached and send no referrer onwards, so
/// nothing in the URL (the admin token of the start, the code of the callback) travels further.
enum ConnectZendeskPage {
    static func make(_ status: HTTPResponse.Status, title: String, message: String) -> Response {
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
            <title>Switchboard: \(escape(title))</title></head>
            <body><h1>\(escape(title))</h1><p>\(escape(message))</p></body></html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        secure(&headers)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// `302 Found` to `location`.
    static func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        secure(&headers)
        return Response(status: .found, headers: headers)
    }

    static func secure(_ headers: inout HTTPFields) {
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
    }

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
