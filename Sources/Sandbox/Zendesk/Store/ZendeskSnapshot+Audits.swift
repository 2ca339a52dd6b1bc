extension ZendeskSnapshot {
    /// Audits of a live ticket, oldest first: the generated ones (for a generated ticket) and those of later changes.
    func audits(ofTicket id: Int64) -> [AuditRecord]? {
        guard ticket(id) != nil else { return nil }
        let baseIndex = overlay.tickets[id].map(\.baseIndex) ?? base.ticketIndex(id)
        let generated = baseIndex.map(base.audits(ofTicket:)) ?? []
        return generated + overlay.audits.filter { $0.ticketID == id }
    }
}
