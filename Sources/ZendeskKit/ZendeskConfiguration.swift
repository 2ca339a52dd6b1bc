import ConnectorKit
import Foundation

/// Everything a ``ZendeskClient`` needs to reach one Zendesk account.
public struct ZendeskConfiguration: Sendable {
    /// Scheme and host, without a trailing slash: `https://acme.zendesk.com`, or a sandbox's `http://127.0.0.1:8080`.
    public var baseURL: String
    public var credentials: ZendeskCredentials
    public var retryPolicy: RetryPolicy
    /// Client-side budgets applied until the server's rate-limit headers have been seen.
    public var accountBudget: RateLimitBudget.Configuration
    public var exportBudget: RateLimitBudget.Configuration
    public var requestTimeout: Duration
    public var userAgent: String

    public init(
        baseURL: String,
        credentials: ZendeskCredentials,
        retryPolicy: RetryPolicy = .standard,
        accountBudget: RateLimitBudget.Configuration = .init(limit: 200, window: .seconds(60)),
        exportBudget: RateLimitBudget.Configuration = .init(limit: 10, window: .seconds(60)),
        requestTimeout: Duration = .seconds(60),
        userAgent: String = "Switchboard/1.0 (ZendeskKit)"
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
        self.retryPolicy = retryPolicy
        self.accountBudget = accountBudget
        self.exportBudget = exportBudget
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
    }

    /// The base URL of a hosted Zendesk account from its subdomain (`acme` → `https://acme.zendesk.com`).
    public static func baseURL(subdomain: String) throws -> String {
        let trimmed = subdomain.trimmingCharacters(in: .whitespaces).lowercased()
        let name = trimmed.hasSuffix(".zendesk.com") ? String(trimmed.dropLast(".zendesk.com".count)) : trimmed
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), name.first != "-" else {
            throw ZendeskConfigurationError.invalidSubdomain(subdomain)
        }
        return "https://\(name).zendesk.com"
    }

    /// Validate and normalise an explicit base URL (`https://support.example.com` or a sandbox address).
    public static func baseURL(url: String) throws -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
            throw ZendeskConfigurationError.invalidURL(url)
        }
        var result = "\(scheme)://\(host)"
        if let port = components.port { result += ":\(port)" }
        return result
    }
}

/// A connection setting that cannot work, reported before any request is made.
public enum ZendeskConfigurationError: Error, Sendable, CustomStringConvertible {
    case invalidSubdomain(String)
    case invalidURL(String)

    public var description: String {
        switch self {
        case .invalidSubdomain(let value):
            return "\"\(value)\" is not a Zendesk subdomain; use the prefix of your Zendesk address (acme for acme.zendesk.com)"
        case .invalidURL(let value):
            return "\"\(value)\" is not an http(s) URL with a host"
        }
    }
}
