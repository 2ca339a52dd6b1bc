import Foundation
import SQLKit

/// A record that could not be decoded or stored, kept with its reason instead of being dropped.
public struct QuarantinedRecord: Sendable, Equatable {
    public var stream: String
    /// The record's id when it had one, otherwise a hash of its payload.
    public var recordKey: String
    public var reason: String
    public var payload: String
    public var firstSeen: Int64
    public var lastSeen: Int64
    public var occurrences: Int64

    public init(stream: String, recordKey: String, reason: String, payload: String, firstSeen: Int64, lastSeen: Int64, occurrences: Int64 = 1) {
        self.stream = stream; self.recordKey = recordKey; self.reason = reason; self.payload = payload
        self.firstSeen = firstSeen; self.lastSeen = lastSeen; self.occurrences = occurrences
    }
}

extension StoreSession {
    /// Quarantine records; the same record seen again bumps its count rather than adding a row.
    public func quarantine(_ records: [QuarantinedRecord], connection: String) async throws {
        guard !records.isEmpty else { return }
        var unique: [String: QuarantinedRecord] = [:]
        for record in records { unique[record.stream + "\u{1f}" + record.recordKey] = record }
        for record in unique.values {
            try await run("""
                INSERT INTO quarantine (connection, stream, record_key, reason, payload, first_seen, last_seen, occurrences)
                VALUES (\(bind: connection), \(bind: record.stream), \(bind: record.recordKey), \(bind: record.reason), \(bind: record.payload),
                        \(bind: record.firstSeen), \(bind: record.lastSeen), 1)
                ON CONFLICT (connection, stream, record_key) DO UPDATE SET reason = excluded.reason, payload = excluded.payload,
                    last_seen = excluded.last_seen, occurrences = quarantine.occurrences + 1
                """)
        }
    }

    public func quarantined(connection: String) async throws -> [QuarantinedRecord] {
        try await rows("SELECT * FROM quarantine WHERE connection = \(bind: connection) ORDER BY stream, record_key").map { row in
            QuarantinedRecord(stream: try row.decode(column: "stream", as: String.self), recordKey: try row.decode(column: "record_key", as: String.self),
                              reason: try row.decode(column: "reason", as: String.self), payload: try row.decode(column: "payload", as: String.self),
                              firstSeen: try row.decode(column: "first_seen", as: Int64.self), lastSeen: try row.decode(column: "last_seen", as: Int64.self),
                              occurrences: try row.decode(column: "occurrences", as: Int64.self))
        }
    }

    /// Once a quarantined record has been stored successfully (a later, valid copy), its entry is removed.
    public func releaseFromQuarantine(stream: String, keys: [String], connection: String) async throws {
        for chunk in keys.chunked(into: 500) where !chunk.isEmpty {
            try await run("DELETE FROM quarantine WHERE connection = \(bind: connection) AND stream = \(bind: stream) AND record_key IN (\(binds: Array(chunk)))")
        }
    }
}
