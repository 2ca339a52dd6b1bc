import Foundation

/// One request the sandbox received, for assertions in tests and for scripts (`GET /_sandbox/requests`).
public struct SandboxRequestRecord: Sendable, Equatable {
    /// When the request arrived (sandbox clock).
    public var time: Date
    public var method: String
    /// Path without the query, e.g. `/api/v2/tickets/5.json`.
    public var path: String
    /// Raw query string, if any.
    public var query: String?
    /// Status sent, or `nil` when the connection was reset without a response.
    public var status: Int?
    /// Budget the request counted against (`nil` when it was not metered).
    public var budget: SandboxBudget?
    /// Fault injected into this request, if any.
    public var fault: SandboxFault?
    /// Whether the credentials were missing or wrong.
    public var authFailed: Bool
    /// Whether the rate limiter rejected the request.
    public var rateLimited: Bool

    public init(time: Date, method: String, path: String, query: String?, status: Int?, budget: SandboxBudget?,
                fault: SandboxFault?, authFailed: Bool, rateLimited: Bool) {
        self.time = time
        self.method = method
        self.path = path
        self.query = query
        self.status = status
        self.budget = budget
        self.fault = fault
        self.authFailed = authFailed
        self.rateLimited = rateLimited
    }
}

/// The Zendesk sandbox's request log.
typealias RequestLog = BoundedLog<SandboxRequestRecord>

extension BoundedLog where Record == SandboxRequestRecord {
    /// `{"requests":[…]}` for `GET /_sandbox/requests`.
    func json() -> JSONWriter {
        let all = records()
        var writer = JSONWriter(capacity: 128 * all.count + 32)
        writer.beginObject()
        writer.arrayField("requests") { array in
            for record in all {
                array.beginObject()
                array.key("time")
                array.double(record.time.timeIntervalSince1970)
                array.field("method", record.method)
                array.field("path", record.path)
                array.field("query", record.query)
                array.field("status", record.status)
                array.field("budget", record.budget?.rawValue)
                array.field("fault", record.fault?.rawValue)
                array.field("auth_failed", record.authFailed)
                array.field("rate_limited", record.rateLimited)
                array.endObject()
            }
        }
        writer.endObject()
        return writer
    }
}
