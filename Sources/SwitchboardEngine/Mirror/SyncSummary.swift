import Foundation
import SwitchboardStore

/// The outcome of one stream in one pass.
public struct StreamSummary: Sendable, Codable, Equatable {
    public var stream: MirrorStream
    public var mode: SyncMode
    /// Records received, not counting the boundary records a previous pass already had.
    public var records: Int
    public var inserted: Int
    public var updated: Int
    /// Received but not newer than the stored copy.
    public var unchanged: Int
    public var pages: Int
    public var quarantined: Int
    public var seconds: Double
}

/// What customer matching did after the pass.
public struct CustomerMatchSummary: Sendable, Codable, Equatable {
    public var customers: Int
    public var organizations: Int
    public var linkedByName: Int
    public var linkedByDomain: Int
    public var linkedByEmailDomain: Int
    public var manual: Int
    public var ambiguous: Int
    public var unmatched: Int
    /// Links that changed in this pass.
    public var changed: Int
}

/// Rate-limit behaviour over the pass.
public struct RateLimitSummary: Sendable, Codable, Equatable {
    public var pauses: Int
    public var pausedSeconds: Double
    public var rateLimitedResponses: Int
    public var requests: Int
}

/// The summary of a sync pass, printed by `switchboard sync zendesk --json`.
public struct MirrorSyncSummary: Sendable, Codable, Equatable {
    public var connection: String
    public var startedAt: String
    public var seconds: Double
    public var streams: [StreamSummary]
    public var quarantined: Int
    public var retries: Int
    public var rateLimits: [String: RateLimitSummary]
    public var customers: CustomerMatchSummary?
    public var mirror: MirrorStats

    /// Records received over all streams.
    public var records: Int { streams.reduce(0) { $0 + $1.records } }
}
