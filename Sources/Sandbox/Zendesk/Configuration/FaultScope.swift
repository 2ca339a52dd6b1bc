/// Which requests injected faults may hit, so a test can break one part of the API while the rest keeps working
/// (e.g. every write fails with 500 while reads succeed).
public enum FaultScope: Sendable, Equatable, CustomStringConvertible {
    /// Every `/api/v2` request.
    case all
    /// Requests that are not `GET` or `HEAD`.
    case writes
    /// Requests whose path, without a `.json` suffix, starts with `prefix` (e.g. `/api/v2/tickets/5`; the
    /// `/api/v2` part may be left out).
    case path(prefix: String)
    /// Writes (not `GET`/`HEAD`) whose path starts with `prefix`, e.g. only `PUT /api/v2/tickets/…`.
    case writesUnder(prefix: String)

    /// Whether a request with this method and path may receive a fault.
    func includes(method: String, path: String) -> Bool {
        let isWrite = method != "GET" && method != "HEAD"
        switch self {
        case .all: return true
        case .writes: return isWrite
        case .path(let prefix): return FaultScope.path(path, startsWith: prefix)
        case .writesUnder(let prefix): return isWrite && FaultScope.path(path, startsWith: prefix)
        }
    }

    public var description: String {
        switch self {
        case .all: return "all"
        case .writes: return "writes"
        case .path(let prefix): return "path:\(prefix)"
        case .writesUnder(let prefix): return "writes:\(prefix)"
        }
    }

    private static func path(_ path: String, startsWith prefix: String) -> Bool {
        var wanted = prefix.hasSuffix(".json") ? String(prefix.dropLast(5)) : prefix
        if !wanted.hasPrefix("/api/v2") { wanted = "/api/v2" + (wanted.hasPrefix("/") ? "" : "/") + wanted }
        let actual = path.hasSuffix(".json") ? String(path.dropLast(5)) : path
        return actual.hasPrefix(wanted)
    }
}
