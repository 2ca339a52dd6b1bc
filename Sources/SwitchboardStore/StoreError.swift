import Foundation

/// Failures of the store that a user can act on, each with a message that says what to do.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(location: String, reason: String)
    case invalidConfiguration(String)
    case migrationFailed(version: Int, name: String, reason: String)
    case newerSchema(found: Int, supported: Int)
    case secret(String)
    case notFound(String)

    public var description: String {
        switch self {
        case .cannotOpen(let location, let reason): return "cannot open \(location): \(reason)"
        case .invalidConfiguration(let text): return text
        case .migrationFailed(let version, let name, let reason): return "migration \(version) (\(name)) failed: \(reason)"
        case .newerSchema(let found, let supported):
            return "the database was written by a newer Switchboard (schema \(found), this build knows up to \(supported)); upgrade Switchboard"
        case .secret(let text): return text
        case .notFound(let text): return text
        }
    }
}
