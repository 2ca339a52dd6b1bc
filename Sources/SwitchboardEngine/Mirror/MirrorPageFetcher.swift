import ConnectorKit
import Foundation
import SwitchboardStore
import ZendeskKit

/// One page of one stream, fetched and converted, ready to be written with its resume point.
struct StreamPage: Sendable {
    enum Batch: Sendable {
        case tickets([MirrorTicket])
        case users([MirrorUser])
        case organizations([MirrorOrganization])
        case comments([MirrorComment])

        var keys: [String] {
            switch self {
            case .tickets(let rows): return rows.map { String($0.id) }
            case .users(let rows): return rows.map { String($0.id) }
            case .organizations(let rows): return rows.map { String($0.id) }
            case .comments(let rows): return rows.map { String($0.id) }
            }
        }
    }

    var batch: Batch
    var quarantined: [QuarantinedRecord]
    var nextState: ExportStreamState
    var endOfStream: Bool
    /// Records received (after dropping the boundary records a previous page or pass already had).
    var received: Int
    var oldestTimestamp: Int64?
    var newestTimestamp: Int64?
}

/// Fetches the next page of a stream from Zendesk's incremental exports and converts it to mirror rows.
///
/// Undecodable records become quarantine entries rather than errors. A `start_time` that Zendesk finds too
/// recent (its exports lag by a minute) means the stream is caught up, not that the pass failed.
struct MirrorPageFetcher: Sendable {
    let client: ZendeskClient
    let pageSize: Int
    let backfillStart: Int64

    func fetch(_ stream: MirrorStream, after state: ExportStreamState, now: Int64) async throws -> StreamPage {
        do {
            switch stream {
            case .tickets: return try await tickets(state, now: now)
            case .users: return try await users(state, now: now)
            case .organizations: return try await organizations(state, now: now)
            case .comments: return try await comments(state, now: now)
            }
        } catch let error as ZendeskError where error.kind == .startTimeTooRecent {
            return StreamPage(batch: Self.emptyBatch(stream), quarantined: [], nextState: state, endOfStream: true, received: 0)
        }
    }

    private func start(_ state: ExportStreamState) -> ExportStart {
        state.cursor.map(ExportStart.cursor) ?? .startTime(state.startTime ?? backfillStart)
    }

    private func tickets(_ state: ExportStreamState, now: Int64) async throws -> StreamPage {
        let page = try await client.exportTickets(from: start(state), perPage: pageSize)
        var rows: [MirrorTicket] = []
        var bad: [QuarantinedRecord] = []
        for record in page.records {
            switch record {
            case .success(let ticket): rows.append(RecordMapping.ticket(ticket))
            case .failure(let reason, let raw): bad.append(Self.quarantine(.tickets, reason: reason, raw: raw, now: now))
            }
        }
        let versions = rows.map(\.version)
        return StreamPage(batch: .tickets(rows), quarantined: bad, nextState: try advance(state, cursor: page.afterCursor, received: page.records.count, end: page.endOfStream),
                          endOfStream: page.endOfStream, received: page.records.count, oldestTimestamp: versions.min(), newestTimestamp: versions.max())
    }

    private func users(_ state: ExportStreamState, now: Int64) async throws -> StreamPage {
        let page = try await client.exportUsers(from: start(state), perPage: pageSize)
        var rows: [MirrorUser] = []
        var bad: [QuarantinedRecord] = []
        for record in page.records {
            switch record {
            case .success(let user): rows.append(RecordMapping.user(user))
            case .failure(let reason, let raw): bad.append(Self.quarantine(.users, reason: reason, raw: raw, now: now))
            }
        }
        let versions = rows.map(\.version)
        return StreamPage(batch: .users(rows), quarantined: bad, nextState: try advance(state, cursor: page.afterCursor, received: page.records.count, end: page.endOfStream),
                          endOfStream: page.endOfStream, received: page.records.count, oldestTimestamp: versions.min(), newestTimestamp: versions.max())
    }

    /// Cursor streams resume from the cursor Zendesk returned; a page with records but no cursor cannot be resumed.
    private func advance(_ state: ExportStreamState, cursor: String?, received: Int, end: Bool) throws -> ExportStreamState {
        var next = state
        if let cursor, !cursor.isEmpty {
            next.cursor = cursor
        } else if received > 0 || !end {
            throw MirrorSyncError.protocolViolation("Zendesk returned an export page without after_cursor; cannot resume safely")
        }
        if end { next.backfillComplete = true }
        return next
    }

    private func organizations(_ state: ExportStreamState, now: Int64) async throws -> StreamPage {
        let startTime = state.startTime ?? backfillStart
        let page = try await client.exportOrganizations(startTime: startTime, perPage: pageSize)
        let seen = Set(state.startTime == startTime ? state.boundaryIDs ?? [] : [])
        var rows: [MirrorOrganization] = []
        var bad: [QuarantinedRecord] = []
        var boundary: [Int64] = []
        for record in page.records {
            switch record {
            case .success(let organization):
                let row = RecordMapping.organization(organization)
                if row.version == page.endTime { boundary.append(row.id) }
                if row.version == startTime, seen.contains(row.id) { continue }
                rows.append(row)
            case .failure(let reason, let raw): bad.append(Self.quarantine(.organizations, reason: reason, raw: raw, now: now))
            }
        }
        let next = Self.advanceTime(state, startTime: startTime, page: (page.endTime, page.endOfStream), boundary: boundary, newRecords: rows.count + bad.count)
        let versions = rows.map(\.version)
        return StreamPage(batch: .organizations(rows), quarantined: bad, nextState: next, endOfStream: page.endOfStream || next.startTime == startTime,
                          received: rows.count + bad.count, oldestTimestamp: versions.min(), newestTimestamp: versions.max())
    }

    private func comments(_ state: ExportStreamState, now: Int64) async throws -> StreamPage {
        let startTime = state.startTime ?? backfillStart
        let page = try await client.exportTicketEvents(startTime: startTime, includeComments: true, perPage: pageSize)
        let seen = Set(state.startTime == startTime ? state.boundaryIDs ?? [] : [])
        var rows: [MirrorComment] = []
        var bad: [QuarantinedRecord] = []
        var boundary: [Int64] = []
        var newAudits = 0
        var timestamps: [Int64] = []
        for record in page.records {
            switch record {
            case .success(let event):
                if event.timestamp == page.endTime { boundary.append(event.id) }
                if event.timestamp == startTime, seen.contains(event.id) { continue }
                newAudits += 1
                timestamps.append(event.timestamp)
                for child in event.children {
                    if let comment = child.comment {
                        rows.append(RecordMapping.comment(comment, ticketID: event.ticketID))
                    } else if let problem = child.problem {
                        bad.append(Self.quarantine(.comments, reason: problem, raw: child.raw ?? .null, now: now, key: child.id.map(String.init)))
                    }
                }
            case .failure(let reason, let raw):
                newAudits += 1
                bad.append(Self.quarantine(.comments, reason: "ticket event: " + reason, raw: raw, now: now))
            }
        }
        let next = Self.advanceTime(state, startTime: startTime, page: (page.endTime, page.endOfStream), boundary: boundary, newRecords: newAudits)
        return StreamPage(batch: .comments(rows), quarantined: bad, nextState: next, endOfStream: page.endOfStream || next.startTime == startTime,
                          received: rows.count + bad.count, oldestTimestamp: timestamps.min(), newestTimestamp: timestamps.max())
    }

    /// The next position of a time-based stream. Ids at the boundary second are remembered (and merged when the
    /// boundary did not move) so the overlapping first records of the next page are recognised and skipped.
    static func advanceTime(_ state: ExportStreamState, startTime: Int64, page: (endTime: Int64, endOfStream: Bool), boundary: [Int64], newRecords: Int) -> ExportStreamState {
        var next = state
        if page.endTime > startTime {
            next.startTime = page.endTime
            next.boundaryIDs = boundary.sorted()
        } else {
            next.startTime = startTime
            let merged = Set(state.boundaryIDs ?? []).union(boundary)
            next.boundaryIDs = merged.sorted()
            // A full page that did not move the clock and brought nothing new would loop forever: step past it.
            if !page.endOfStream, newRecords == 0 {
                next.startTime = startTime + 1
                next.boundaryIDs = []
            }
        }
        if page.endOfStream { next.backfillComplete = true }
        return next
    }

    static func quarantine(_ stream: MirrorStream, reason: String, raw: JSONValue, now: Int64, key: String? = nil) -> QuarantinedRecord {
        let payload = raw.jsonText
        let recordKey = key ?? raw["id"]?.stringValue ?? "sha256:" + StableDigest.hex(payload)
        return QuarantinedRecord(stream: stream.rawValue, recordKey: recordKey, reason: reason, payload: payload, firstSeen: now, lastSeen: now)
    }

    static func emptyBatch(_ stream: MirrorStream) -> StreamPage.Batch {
        switch stream {
        case .tickets: return .tickets([])
        case .users: return .users([])
        case .organizations: return .organizations([])
        case .comments: return .comments([])
        }
    }
}

/// A failure of the sync itself (as opposed to one remote call), with what to do about it.
public enum MirrorSyncError: Error, Sendable, CustomStringConvertible {
    case notConnected(String)
    case protocolViolation(String)

    public var description: String {
        switch self {
        case .notConnected(let name): return "no Zendesk connection named \"\(name)\"; run: switchboard connect zendesk --subdomain NAME --email EMAIL --token TOKEN"
        case .protocolViolation(let text): return text
        }
    }
}
