/// A page of a cursor-style export.
struct CursorExportPage<Record> {
    var records: [Record]
    /// Key of the last record, or the requested position when the page is empty.
    var lastKey: ExportKey
    var hasMore: Bool
}

/// A page of a time-style export.
struct TimeExportPage<Record> {
    var records: [Record]
    var keys: [ExportKey]
}

extension ZendeskSnapshot {
    /// Tickets (deleted ones included) strictly after `position`, ordered by `(generated_timestamp, id)`.
    func ticketExport(after position: ExportKey, limit: Int, cutoff: Int64) -> CursorExportPage<TicketRecord> {
        var start = layout.firstTicket(updatedAtOrAfter: position.timestamp)
        if start <= layout.ticketCount, layout.ticketUpdatedAt(start) == position.timestamp, Int64(start) <= position.id {
            start += 1
        }
        let tickets = overlay.tickets
        let layout = self.layout
        var iterator = MergedExportIterator(
            base: BaseExportIterator(index: start, count: layout.ticketCount,
                                     key: { ExportKey(timestamp: layout.ticketUpdatedAt($0), id: Int64($0)) },
                                     isStored: { tickets[$0] != nil }),
            stored: StoredExportIterator(keys: overlay.ticketKeys.keys,
                                         position: overlay.ticketKeys.firstPosition(after: position)),
            cutoff: cutoff)
        let (entries, hasMore) = ExportPaging.cursorPage(&iterator, limit: limit)
        let records = entries.map { entry -> TicketRecord in
            switch entry.reference {
            case .base(let index): return base.ticket(index)
            case .stored(let id): return tickets[id]!.record
            }
        }
        return CursorExportPage(records: records, lastKey: entries.last?.key ?? position, hasMore: hasMore)
    }

    /// Users strictly after `position`, ordered by `(updated_at, id)`.
    func userExport(after position: ExportKey, limit: Int, cutoff: Int64) -> CursorExportPage<UserRecord> {
        var start = layout.firstUser(updatedAtOrAfter: position.timestamp)
        if start <= layout.userCount, layout.userUpdatedAt(start) == position.timestamp,
           layout.userID(start) <= position.id {
            start += 1
        }
        let users = overlay.users
        let layout = self.layout
        var iterator = MergedExportIterator(
            base: BaseExportIterator(index: start, count: layout.userCount,
                                     key: { ExportKey(timestamp: layout.userUpdatedAt($0), id: layout.userID($0)) },
                                     isStored: { users[$0] != nil }),
            stored: StoredExportIterator(keys: overlay.userKeys.keys,
                                         position: overlay.userKeys.firstPosition(after: position)),
            cutoff: cutoff)
        let (entries, hasMore) = ExportPaging.cursorPage(&iterator, limit: limit)
        let records = entries.map { entry -> UserRecord in
            switch entry.reference {
            case .base(let index): return base.user(index)
            case .stored(let id): return users[id]!
            }
        }
        return CursorExportPage(records: records, lastKey: entries.last?.key ?? position, hasMore: hasMore)
    }

    /// Organizations (deleted ones included) stamped at or after `startTime`.
    func organizationExport(from startTime: Int64, limit: Int, cutoff: Int64) -> TimeExportPage<OrganizationRecord> {
        let position = ExportKey.before(timestamp: startTime)
        let organizations = overlay.organizations
        let layout = self.layout
        var iterator = MergedExportIterator(
            base: BaseExportIterator(index: layout.firstOrganization(updatedAtOrAfter: startTime),
                                     count: layout.organizationCount,
                                     key: { ExportKey(timestamp: layout.organizationUpdatedAt($0),
                                                      id: layout.organizationID($0)) },
                                     isStored: { organizations[$0] != nil }),
            stored: StoredExportIterator(keys: overlay.organizationKeys.keys,
                                         position: overlay.organizationKeys.firstPosition(after: position)),
            cutoff: cutoff)
        let entries = ExportPaging.timePage(&iterator, limit: limit)
        let records = entries.map { entry -> OrganizationRecord in
            switch entry.reference {
            case .base(let index): return base.organization(index)
            case .stored(let id): return organizations[id]!
            }
        }
        return TimeExportPage(records: records, keys: entries.map(\.key))
    }

    /// Ticket audits stamped at or after `startTime`, generated and stored, ordered by `(timestamp, id)`.
    func ticketEventExport(from startTime: Int64, limit: Int, cutoff: Int64) -> TimeExportPage<AuditRecord> {
        let position = ExportKey.before(timestamp: startTime)
        var iterator = MergedExportIterator(
            base: BaseAuditExportIterator(layout: layout, after: position),
            stored: StoredAuditExportIterator(audits: overlay.audits, after: position),
            cutoff: cutoff)
        let entries = ExportPaging.timePage(&iterator, limit: limit)
        var cachedIndex = 0
        var cached: (ticket: TicketRecord, topic: TicketTopic)?
        let records = entries.map { entry -> AuditRecord in
            switch entry.reference {
            case .base(let packed):
                let (index, k) = BaseAuditExportIterator.unpack(packed)
                if cached == nil || cachedIndex != index {
                    cached = base.generateTicket(index)
                    cachedIndex = index
                }
                return base.audit(ticket: cached!.ticket, topic: cached!.topic, index: index, k: k,
                                  commentCount: layout.commentCount(ticket: index))
            case .stored(let position):
                return overlay.audits[Int(position)]
            }
        }
        return TimeExportPage(records: records, keys: entries.map(\.key))
    }
}
