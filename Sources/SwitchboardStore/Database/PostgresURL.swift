import Foundation
import PostgresKit

/// Parses `postgres://user:password@host:port/database?sslmode=disable&search_path=schema&prepared_statements=true`.
enum PostgresURL {
    struct Parsed {
        var configuration: PostgresClient.Configuration
        var schema: String?
        /// `connect_timeout` (seconds, as in libpq): how long opening the store waits for the server.
        var connectTimeout: Duration
        /// `prepared_statements` (`true` unless `false`): run the store's statements as named prepared statements
        /// (see ``PreparedPostgresDatabase``). Off behind a pooler that drops them between transactions.
        var preparedStatements: Bool
    }

    static func parse(_ text: String) throws -> Parsed {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql",
              let host = components.host, !host.isEmpty else {
            throw StoreError.invalidConfiguration("\(redact(text)) is not a PostgreSQL URL (postgres://user:password@host:port/database)")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "disable" {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        case let other: throw StoreError.invalidConfiguration("unsupported sslmode \"\(other)\" (use disable, prefer or require)")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: components.user?.removingPercentEncoding ?? "postgres",
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database,
            tls: tls
        )
        let schema = query["search_path"] ?? query["schema"]
        if let schema {
            guard schema.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw StoreError.invalidConfiguration("schema name \"\(schema)\" may contain only letters, digits and _")
            }
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        configuration.options.maximumConnections = Int(query["pool_size"] ?? "") ?? 10
        let timeout = Int(query["connect_timeout"] ?? "") ?? 10
        configuration.options.connectTimeout = .seconds(max(1, timeout))
        let prepared: Bool
        switch query["prepared_statements"]?.lowercased() ?? "true" {
        case "true", "on", "1": prepared = true
        case "false", "off", "0": prepared = false
        case let other: throw StoreError.invalidConfiguration("prepared_statements must be true or false, not \"\(other)\"")
        }
        return Parsed(configuration: configuration, schema: schema, connectTimeout: .seconds(max(1, timeout)), preparedStatements: prepared)
    }

    /// The URL with its password replaced, for messages and logs.
    static func redact(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "•••"
        return components.string ?? "postgres://…"
    }
}
