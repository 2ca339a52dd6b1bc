import Foundation
import SwitchboardEngine

/// Where `switchboard serve` listens and how its admin API is protected.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Bearer token for `/api/…`. Without one the admin API answers 401 to everything.
    public var adminToken: String?
    /// Largest webhook body accepted.
    public var maxBodyBytes: Int
    /// The address people and other systems reach this node at (links in tickets, WebLinks in Consonance, the
    /// calendar feed). Default: `http://HOST:PORT`.
    public var publicURL: String?

    public init(host: String = "0.0.0.0", port: Int = 8080, adminToken: String?, maxBodyBytes: Int = 1 << 20, publicURL: String? = nil) {
        self.host = host
        self.port = port
        self.adminToken = adminToken
        self.maxBodyBytes = maxBodyBytes
        self.publicURL = publicURL
    }

    /// ``publicURL``, else `$SWITCHBOARD_PUBLIC_URL`, else this node's own address.
    public var effectivePublicURL: String {
        PublicAddress.resolve(publicURL ?? ProcessInfo.processInfo.environment["SWITCHBOARD_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : $0 }
                                ?? "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)")
    }
}
