import ConnectorKit
import Foundation

/// Whether a stream is importing history for the first time or picking up changes since the last pass.
public enum SyncMode: String, Sendable, Codable {
    case backfill, incremental
}

/// What a sync pass reports while it runs; the CLI turns these into a progress bar or log lines.
public enum MirrorSyncEvent: Sendable {
    case streamStarted(MirrorStream, SyncMode)
    case pageIngested(MirrorStream, StreamProgress)
    case rateLimitPause(RateLimitPause)
    case retrying(request: String, attempt: Int, reason: String)
    case streamFinished(MirrorStream, StreamSummary)
}

/// Running totals for one stream, with throughput and an estimate of the time left.
public struct StreamProgress: Sendable, Equatable {
    public var records: Int
    public var pages: Int
    public var quarantined: Int
    public var elapsedSeconds: Double
    /// How far through the stream's time range the last page reached (0…1), when it can be told.
    public var fraction: Double?

    public init(records: Int, pages: Int, quarantined: Int, elapsedSeconds: Double, fraction: Double?) {
        self.records = records
        self.pages = pages
        self.quarantined = quarantined
        self.elapsedSeconds = elapsedSeconds
        self.fraction = fraction
    }

    public var recordsPerSecond: Double { elapsedSeconds > 0 ? Double(records) / elapsedSeconds : 0 }

    /// Seconds left at the current pace, when the fraction is known and meaningful.
    public var etaSeconds: Double? {
        guard let fraction, fraction > 0.001, fraction < 1 else { return nil }
        return elapsedSeconds * (1 - fraction) / fraction
    }
}

/// Tracks one stream's position in time, to turn "newest timestamp seen" into a fraction of the way done.
struct TimeProgress {
    private var origin: Int64?
    private let target: Int64

    init(target: Date) {
        self.target = Int64(target.timeIntervalSince1970)
    }

    mutating func fraction(newest: Int64?, oldest: Int64?) -> Double? {
        if origin == nil { origin = oldest ?? newest }
        guard let origin, let newest, target > origin else { return nil }
        return min(1, max(0, Double(newest - origin) / Double(target - origin)))
    }
}
