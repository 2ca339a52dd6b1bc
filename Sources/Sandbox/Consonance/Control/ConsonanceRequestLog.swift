import Foundation

/// One request the Consonance sandbox received, for assertions in tests and for scripts (`GET /_sandbox/requests`).
public struct ConsonanceRequestRecord: Sendable, Equatable {
    /// When the request arrived (wall clock).
    public var time: Date
    public var method: String
    public var path: String
    /// Status sent, or `nil` when the connection was reset without a response.
    public var status: Int?
    /// Fault injected into this request, if any.
    public var fault: SandboxFault?
    /// Whether the API key was missing or wrong.
    public var authFailed: Bool
    /// `query` or `mutation`, when the body held a parsable GraphQL document.
    public var operationType: String?
    /// The operation's name, if it has one.
    public var operationName: String?
    /// The root fields selected (`products`, `updateProduct`, …), aliases resolved to field names.
    public var rootFields: [String]

    public init(time: Date, method: String, path: String, status: Int? = nil, fault: SandboxFault? = nil,
                authFailed: Bool = false, operationType: String? = nil, operationName: String? = nil,
                rootFields: [String] = []) {
        self.time = time
        self.method = method
        self.path = path
        self.status = status
        self.fault = fault
        self.authFailed = authFailed
        self.operationType = operationType
        self.operationName = operationName
        self.rootFields = rootFields
    }
}

/// The Consonance sandbox's request log.
typealias ConsonanceRequestLog = BoundedLog<ConsonanceRequestRecord>

extension BoundedLog where Record == ConsonanceRequestRecord {
    /// `{"requests":[…]}`.
    func json() -> JSONWriter {
        let all = records()
        var writer = JSONWriter(capacity: 160 * all.count + 32)
        writer.beginObject()
        writer.arrayField("requests") { array in
            for record in all {
                array.beginObject()
                array.key("time")
                array.double(record.time.timeIntervalSince1970)
                array.field("method", record.method)
                array.field("path", record.path)
                array.field("status", record.status)
                array.field("fault", record.fault?.rawValue)
                array.field("auth_failed", record.authFailed)
                array.field("operation_type", record.operationType)
                array.field("operation_name", record.operationName)
                array.field("root_fields", strings: record.rootFields)
                array.endObject()
            }
        }
        writer.endObject()
        return writer
    }
}
