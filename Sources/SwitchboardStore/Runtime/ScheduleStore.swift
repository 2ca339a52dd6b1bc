import Foundation
import SQLKit

/// Schedule slots that have fired. The primary key `(flow, slot)` is what keeps several nodes from firing the
/// same slot twice: only the node whose insert succeeds fires it.
extension StoreSession {
    /// Claim a slot for firing. Returns true for exactly one caller per `(flow, slot)`.
    public func claimScheduleSlot(flow: String, slot: Int64, node: String, now: Int64) async throws -> Bool {
        !(try await rows("""
            INSERT INTO schedule_slots (flow, slot, node, fired_at) VALUES (\(bind: flow), \(bind: slot), \(bind: node), \(bind: now))
            ON CONFLICT (flow, slot) DO NOTHING RETURNING flow
            """)).isEmpty
    }

    /// The most recent fired slot of a flow, if any.
    public func lastScheduleSlot(flow: String) async throws -> Int64? {
        guard let row = try await sql.raw("SELECT MAX(slot) AS value FROM schedule_slots WHERE flow = \(bind: flow)").first() else { return nil }
        return try row.decode(column: "value", as: Int64?.self)
    }
}
