import Foundation
import SQLKit

/// One-time secrets: values that must be read at most once (OAuth `state` values of a pending authorization), and
/// clean-up of the ones nobody came back for.
extension StoreSession {
    /// Delete the secret `name` and return what it held, or `nil` if there is none. The delete and the read are one
    /// statement, so of two sessions taking the same secret at once only one gets it — on SQLite and PostgreSQL alike.
    public func takeSecret(name: String, box: SecretBox) async throws -> (plaintext: [UInt8], updatedAt: Int64)? {
        guard let row = try await sql.raw("DELETE FROM secrets WHERE name = \(bind: name) RETURNING key_id, sealed, updated_at").first() else {
            return nil
        }
        let plaintext = try box.open(try row.decode(column: "sealed", as: String.self), name: name,
                                     keyID: try row.decode(column: "key_id", as: String.self))
        return (plaintext, try row.decode(column: "updated_at", as: Int64.self))
    }

    /// Delete the secrets whose name starts with `prefix` and that were last written before `cutoff`.
    public func deleteSecrets(prefix: String, updatedBefore cutoff: Date) async throws {
        let pattern = prefix.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        try await run("DELETE FROM secrets WHERE name LIKE \(bind: pattern) ESCAPE '\\' AND updated_at < \(bind: Int64(cutoff.timeIntervalSince1970))")
    }
}
