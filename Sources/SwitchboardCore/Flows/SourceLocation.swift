import Foundation

/// A place in a source file, for messages that say exactly where a problem is.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// One problem found in a flow file, printed as `file:line:column: message` like a compiler diagnostic.
public struct FlowDiagnostic: Sendable, Hashable, CustomStringConvertible, Error {
    public enum Severity: String, Sendable { case error, warning }

    public var location: SourceLocation
    public var severity: Severity
    public var message: String

    public init(_ location: SourceLocation, _ message: String, severity: Severity = .error) {
        self.location = location
        self.severity = severity
        self.message = message
    }

    public var description: String { "\(location): \(severity == .warning ? "warning: " : "")\(message)" }
}

/// Every problem found in one or more flow files.
public struct FlowErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [FlowDiagnostic]
    public init(_ diagnostics: [FlowDiagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
