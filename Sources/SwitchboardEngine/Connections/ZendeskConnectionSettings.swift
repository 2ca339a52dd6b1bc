import Foundation

/// Per-connection choices for the Zendesk mirror, stored (unencrypted) with the connection.
public struct ZendeskConnectionSettings: Codable, Sendable, Equatable {
    /// Import ticket comments (internal notes and public replies). Off keeps only ticket metadata.
    public var includeComments: Bool
    /// Page size for incremental exports (1–1000).
    public var pageSize: Int
    /// Push profile changes made by other sources to this account's users (`docs/profiles-zendesk-sync.md`). On by default.
    public var profileSync: Bool

    public init(includeComments: Bool = true, pageSize: Int = 1000, profileSync: Bool = true) {
        self.includeComments = includeComments
        self.pageSize = pageSize
        self.profileSync = profileSync
    }

    enum CodingKeys: String, CodingKey {
        case includeComments = "include_comments"
        case pageSize = "page_size"
        case profileSync = "profile_sync"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        includeComments = try c.decodeIfPresent(Bool.self, forKey: .includeComments) ?? true
        pageSize = try c.decodeIfPresent(Int.self, forKey: .pageSize) ?? 1000
        profileSync = try c.decodeIfPresent(Bool.self, forKey: .profileSync) ?? true
    }

    var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
