import Foundation

/// Where Switchboard keeps its state: an embedded SQLite file (the default) or a PostgreSQL server
/// shared by several nodes.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// A description that never includes a password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite database \(path)"
        case .postgres(let url): return "PostgreSQL \(PostgresURL.redact(url))"
        }
    }
}

/// The SQL dialect a session speaks; used only where a statement must differ between the two.
public enum StoreDialect: String, Sendable {
    case sqlite, postgres
}
