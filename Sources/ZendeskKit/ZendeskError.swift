import ConnectorKit
import Foundation

/// An error answer from the Zendesk API, decoded from whichever of its four error envelopes was used.
///
/// Zendesk answers errors as (1) `{"error":"Code","description":"…"}`, (2) the same plus a `details` map
/// for `RecordInvalid`, (3) `{"error":{"title":"…","message":"…"}}` and (4) `{"errors":[{"code","title","detail"}]}`.
/// 5xx and 429 bodies may be HTML or plain text. The raw body and status are always kept.
public struct ZendeskError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in terms a caller can act on.
    public enum Kind: String, Sendable {
        case unauthorized, forbidden, notFound, invalidRecord, conflict, badRequest
        case startTimeTooRecent, paginationTooDeep, tooManyValues, rateLimited, serverError, unexpected
    }

    /// One field-level problem from a `RecordInvalid` answer.
    public struct FieldProblem: Sendable, Equatable {
        public var field: String
        public var code: String?
        public var description: String?
    }

    public var status: Int
    public var kind: Kind
    /// The machine code: `RecordNotFound`, `RecordInvalid`, `InvalidPaginationDepth`, …
    public var code: String?
    /// The human text: `description`, `message`, `title` or `detail`, whichever the envelope carried.
    public var message: String?
    public var fieldProblems: [FieldProblem]
    public var rawBody: String

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.rawBody = String(decoding: body.prefix(4096), as: UTF8.self)
        self.fieldProblems = []
        let json = try? JSONValue.parse(body)
        switch json?["error"] {
        case .string(let code)?:
            self.code = code
            self.message = json?["description"]?.stringValue
            if case .object(let details)? = json?["details"] {
                for (field, problems) in details.sorted(by: { $0.key < $1.key }) {
                    guard case .array(let items) = problems else { continue }
                    for item in items {
                        fieldProblems.append(FieldProblem(field: field, code: item["error"]?.stringValue, description: item["description"]?.stringValue))
                    }
                }
            }
        case .object?:
            self.code = json?["error"]?["title"]?.stringValue
            self.message = json?["error"]?["message"]?.stringValue ?? self.code
        default:
            if case .array(let errors)? = json?["errors"], let first = errors.first {
                self.code = first["code"]?.stringValue
                self.message = first["detail"]?.stringValue ?? first["title"]?.stringValue
            } else {
                self.code = nil
                self.message = json?["description"]?.stringValue ?? (rawBody.isEmpty ? nil : String(rawBody.prefix(200)))
            }
        }
        self.kind = Self.classify(status: status, code: code, message: message)
    }

    static func classify(status: Int, code: String?, message: String?) -> Kind {
        switch (status, code) {
        case (401, _): return .unauthorized
        case (403, _): return .forbidden
        case (404, _): return .notFound
        case (409, _): return .conflict
        case (422, "RecordInvalid"?), (422, "DuplicateValue"?): return .invalidRecord
        case (_, "InvalidPaginationDepth"?): return .paginationTooDeep
        case (_, "TooManyValues"?): return .tooManyValues
        case (422, "InvalidValue"?) where (message ?? "").localizedCaseInsensitiveContains("too recent"): return .startTimeTooRecent
        case (429, _): return .rateLimited
        case (500..., _): return .serverError
        case (400, _), (422, _): return .badRequest
        default: return .unexpected
        }
    }

    public var description: String {
        var text = "Zendesk answered \(status)"
        if let code { text += " \(code)" }
        if let message, message != code { text += ": \(message)" }
        if !fieldProblems.isEmpty {
            text += " (" + fieldProblems.map { "\($0.field): \($0.description ?? $0.code ?? "invalid")" }.joined(separator: "; ") + ")"
        }
        return text
    }
}
