import Foundation
import SQLKit

/// Stored secrets (API tokens, app secrets): sealed with a ``SecretBox`` before they reach the database,
/// opened only when a connector needs them.
extension StoreSession {
    public func saveSecret(_ plaintext: [UInt8], name: String, box: SecretBox, now: Date = Date()) async throws {
        let sealed = try box.seal(plaintext, name: name)
        try await BatchUpsert(table: "secrets", columns: ["name", "key_id", "sealed", "updated_at"], conflictColumns: ["name"], updateColumns: ["key_id", "sealed", "updated_at"])
            .run([[.text(name), .text(box.masterKey.id), .text(sealed), .int(Int64(now.timeIntervalSince1970))]], on: self)
    }

    public func loadSecret(name: String, box: SecretBox) async throws -> [UInt8]? {
        guard let row = try await sql.raw("SELECT key_id, sealed FROM secrets WHERE name = \(bind: name)").first() else { return nil }
        return try box.open(try row.decode(column: "sealed", as: String.self), name: name, keyID: try row.decode(column: "key_id", as: String.self))
    }

    public func deleteSecret(name: String) async throws {
        try await run("DELETE FROM secrets WHERE name = \(bind: name)")
    }

    /// The raw sealed text, for tests that check nothing is stored in the clear.
    public func sealedSecret(name: String) async throws -> String? {
        try await sql.raw("SELECT sealed FROM secrets WHERE name = \(bind: name)").first()?.decode(column: "sealed", as: String.self)
    }
}
