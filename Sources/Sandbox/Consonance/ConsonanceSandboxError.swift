/// Errors from the Consonance sandbox's Swift API; the same reasons reach GraphQL clients as payload `errors`.
public enum ConsonanceSandboxError: Error, Equatable, CustomStringConvertible {
    /// No such record, e.g. `notFound("Product 100007")`.
    case notFound(String)
    /// The change was refused; the text says why.
    case invalid(String)
    /// The server stopped before it started listening.
    case notStarted

    public var description: String {
        switch self {
        case .notFound(let what): return "not found: \(what)"
        case .invalid(let reason): return "invalid: \(reason)"
        case .notStarted: return "the Consonance sandbox did not start"
        }
    }

    /// The sentence put in a mutation payload's `errors`.
    var message: String {
        switch self {
        case .notFound(let what): return "\(what) not found"
        case .invalid(let reason): return reason
        case .notStarted: return description
        }
    }
}
