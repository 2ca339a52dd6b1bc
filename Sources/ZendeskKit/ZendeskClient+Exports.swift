import ConnectorKit
import Foundation

/// The incremental export endpoints (reference §4): the only way Switchboard reads Zendesk in bulk.
///
/// All of them share the export budget. Comments come from `ticket_events` with
/// `include=comment_events`, never from one call per ticket.
extension ZendeskClient {
    /// `GET /incremental/tickets/cursor`.
    public func exportTickets(from start: ExportStart, perPage: Int = 1000) async throws -> CursorExportPage<ZendeskTicket> {
        try await get("incremental/tickets/cursor", query: cursorQuery(start, perPage: perPage), budget: .export)
    }

    /// `GET /incremental/users/cursor`.
    public func exportUsers(from start: ExportStart, perPage: Int = 1000) async throws -> CursorExportPage<ZendeskUser> {
        try await get("incremental/users/cursor", query: cursorQuery(start, perPage: perPage), budget: .export)
    }

    /// `GET /incremental/organizations` (time-based; there is no cursor form).
    public func exportOrganizations(startTime: Int64, perPage: Int = 1000) async throws -> TimeExportPage<ZendeskOrganization> {
        try await get("incremental/organizations", query: [("start_time", String(startTime)), ("per_page", String(perPage))], budget: .export)
    }

    /// `GET /incremental/ticket_events`, with the comments themselves when `includeComments` is set.
    public func exportTicketEvents(startTime: Int64, includeComments: Bool = true, perPage: Int = 1000) async throws -> TimeExportPage<ZendeskTicketEvent> {
        var query = [("start_time", String(startTime)), ("per_page", String(perPage))]
        if includeComments { query.append(("include", "comment_events")) }
        return try await get("incremental/ticket_events", query: query, budget: .export)
    }

    private func cursorQuery(_ start: ExportStart, perPage: Int) -> [(String, String)] {
        switch start {
        case .startTime(let time): return [("start_time", String(time)), ("per_page", String(perPage))]
        case .cursor(let cursor): return [("cursor", cursor), ("per_page", String(perPage))]
        }
    }
}
