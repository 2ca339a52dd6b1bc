import Foundation
import SQLKit

/// A remote account Switchboard is connected to. The credentials live in `secrets` under ``secretName``;
/// this record holds only what is safe to show.
public struct ConnectionRecord: Sendable, Equatable {
    public var name: String
    public var kind: String
    public var baseURL: String
    /// Who the credentials belong to (an email), never the secret itself.
    public var principal: String
    /// Connector-specific settings as JSON text.
    public var settings: String
    public var createdAt: Int64
    public var updatedAt: Int64

    public init(name: String, kind: String, baseURL: String, principal: String, settings: String, createdAt: Int64, updatedAt: Int64) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.principal = principal
        self.settings = settings
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The secret holding this connection's credentials.
    public var secretName: String { "connection/\(kind)/\(name)" }
}

extension StoreSession {
    public func saveConnection(_ record: ConnectionRecord) async throws {
        try await BatchUpsert(table: "connections", columns: ["name", "kind", "base_url", "principal", "settings", "created_at", "updated_at"],
                              conflictColumns: ["name"], updateColumns: ["kind", "base_url", "principal", "settings", "updated_at"])
            .run([[.text(record.name), .text(record.kind), .text(record.baseURL), .text(record.principal), .text(record.settings), .int(record.createdAt), .int(record.updatedAt)]], on: self)
    }

    public func connection(named name: String) async throws -> ConnectionRecord? {
        try await rows("SELECT * FROM connections WHERE name = \(bind: name)").first.map(ConnectionRecord.init(row:))
    }

    public func connections() async throws -> [ConnectionRecord] {
        try await rows("SELECT * FROM connections ORDER BY name").map(ConnectionRecord.init(row:))
    }

    public func deleteConnection(named name: String) async throws {
        try await run("DELETE FROM connections WHERE name = \(bind: name)")
    }
}

extension ConnectionRecord {
    init(row: any SQLRow) throws {
        self.init(
            name: try row.decode(column: "name", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            baseURL: try row.decode(column: "base_url", as: String.self),
            principal: try row.decode(column: "principal", as: String.self),
            settings: try row.decode(column: "settings", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self),
            updatedAt: try row.decode(column: "updated_at", as: Int64.self)
        )
    }
}
