import Foundation

/// Switchboard's public address: where people and other systems reach its node (the record links in ticket notes
/// and in Consonance WebLinks, the calendar feed). One setting for every command: `--public-url`, else
/// `$SWITCHBOARD_PUBLIC_URL`, else `http://127.0.0.1:8080`.
public enum PublicAddress {
    public static let fallback = "http://127.0.0.1:8080"

    /// The given address, or the environment's, or the fallback; without a trailing slash.
    public static func resolve(_ given: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        var address = given ?? environment["SWITCHBOARD_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        while address.hasSuffix("/") { address.removeLast() }
        return address
    }
}
