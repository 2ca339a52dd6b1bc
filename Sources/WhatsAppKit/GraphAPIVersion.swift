/// The Graph API version is part of every Cloud API URL; it is configuration, never hard-coded in paths.
public struct GraphAPIVersion: Sendable, Hashable, CustomStringConvertible {
    /// A recent version the client and the sandbox both speak.
    public static let `default` = GraphAPIVersion("v23.0")

    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue.hasPrefix("v") ? rawValue : "v" + rawValue
    }

    public var description: String { rawValue }
}
