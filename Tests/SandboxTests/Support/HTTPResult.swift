import AsyncHTTPClient
import Foundation
import NIOHTTP1
@testable import Sandbox

/// A received response: status, headers, raw body and the body parsed as JSON (if it is JSON).
struct HTTPResult: Sendable {
    let status: Int
    let headers: HTTPHeaders
    let body: [UInt8]
    /// The body parsed once as JSON (`.null` when it is not JSON).
    let json: JSONValue

    init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
        json = JSONValue.parse(body) ?? .null
    }
    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? { headers.first(name: name) }
    func intHeader(_ name: String) -> Int? { header(name).flatMap { Int($0) } }
}

extension JSONValue {
    /// `value["a"]?["b"]` shorthand that never fails: missing members read as `.null`.
    func at(_ keys: String...) -> JSONValue {
        var value = self
        for key in keys { value = value[key] ?? .null }
        return value
    }

    var array: [JSONValue] { arrayValue ?? [] }
    var int: Int64? { int64Value }
    var string: String? { stringValue }
}
