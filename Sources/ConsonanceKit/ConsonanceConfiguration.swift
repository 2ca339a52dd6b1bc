import ConnectorKit
import Foundation

/// Everything a ``ConsonanceClient`` needs to reach one Consonance tenant.
///
/// Consonance publishes no rate limits, so the client is deliberately gentle: at most
/// ``maxConcurrentRequests`` requests are in flight at once (2 by default) and failures back off with jitter.
/// The API key acts as user name and password combined; it never appears in `description`,
/// `debugDescription` or `dump` output, so a configuration can be logged safely.
public struct ConsonanceConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The address users log in at, without a trailing slash: usually `https://web.consonance.app`, but tenants can differ.
    public var host: String
    /// The key issued by Consonance support (a 32-character alphanumeric string), sent as `Authorization: Bearer {key}`.
    public var apiKey: String
    public var retryPolicy: RetryPolicy
    /// Requests allowed in flight at once, across every call made through one client.
    public var maxConcurrentRequests: Int
    /// A client-side request budget. Unlimited by default: Consonance publishes none, so only `429`s pause the client.
    public var requestBudget: RateLimitBudget.Configuration
    public var requestTimeout: Duration
    public var userAgent: String

    /// The host most tenants use.
    public static let defaultHost = "https://web.consonance.app"

    public init(
        host: String = ConsonanceConfiguration.defaultHost,
        apiKey: String,
        retryPolicy: RetryPolicy = .standard,
        maxConcurrentRequests: Int = 2,
        requestBudget: RateLimitBudget.Configuration = .unlimited,
        requestTimeout: Duration = .seconds(60),
        userAgent: String = "ConsonanceKit/1.0"
    ) {
        var trimmed = host.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.host = trimmed
        self.apiKey = apiKey
        self.retryPolicy = retryPolicy
        self.maxConcurrentRequests = max(1, maxConcurrentRequests)
        self.requestBudget = requestBudget
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
    }

    /// `{host}/graphql`, the one endpoint the client talks to.
    public var endpoint: String { host + "/graphql" }

    /// Validate and normalise a host address (`https://web.consonance.app/anything` → `https://web.consonance.app`).
    public static func host(url: String) throws -> String {
        guard let components = URLComponents(string: url.trimmingCharacters(in: .whitespaces)), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            throw ConsonanceConfigurationError.invalidHost(url)
        }
        var result = "\(scheme)://\(host)"
        if let port = components.port { result += ":\(port)" }
        return result
    }

    public var description: String {
        "Consonance at \(host) (API key \(apiKey.isEmpty ? "missing" : "set"), at most \(maxConcurrentRequests) concurrent requests)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["host": host, "apiKey": "[redacted]", "maxConcurrentRequests": maxConcurrentRequests, "userAgent": userAgent])
    }
}

/// A connection setting that cannot work, reported before any request is made.
public enum ConsonanceConfigurationError: Error, Sendable, CustomStringConvertible {
    case invalidHost(String)

    public var description: String {
        switch self {
        case .invalidHost(let value):
            return "\"\(value)\" is not an http(s) URL with a host; use the address your users log in at, such as \(ConsonanceConfiguration.defaultHost)"
        }
    }
}
