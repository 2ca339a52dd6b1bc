/// A consistent, immutable view of the sandbox's data at one moment: generated records with the overlay applied.
///
/// Handlers read from a snapshot outside any lock, so slow work (generating and encoding a thousand-record page)
/// never blocks mutations or other readers.
struct ZendeskSnapshot: Sendable {
    let base: BaseDataset
    let overlay: DataOverlay

    var layout: DatasetLayout { base.layout }

    // MARK: Tickets

    /// The ticket with this id, including deleted ones (status `deleted`).
    func ticketIncludingDeleted(_ id: Int64) -> TicketRecord? {
        if let stored = overlay.tickets[id] { return stored.record }
        return base.ticketIndex(id).map(base.ticket)
    }

    /// The ticket with this id unless it does not exist or was deleted.
    func ticket(_ id: Int64) -> TicketRecord? {
        guard let ticket = ticketIncludingDeleted(id), !ticket.isDeleted else { return nil }
        return ticket
    }

    /// Comments of a live ticket, oldest first.
    func comments(ofTicket id: Int64) -> [CommentRecord]? {
        guard ticket(id) != nil else { return nil }
        if let stored = overlay.tickets[id] {
            let generated = stored.baseIndex.map(base.comments(ofTicket:)) ?? []
            return generated + stored.addedComments
        }
        return base.ticketIndex(id).map(base.comments(ofTicket:))
    }

    /// Number of comments of a ticket (deleted ones included), without generating the texts when possible.
    func commentCount(ofTicket id: Int64) -> Int {
        if let stored = overlay.tickets[id] {
            return (stored.baseIndex.map { layout.commentCount(ticket: $0) } ?? 0) + stored.addedComments.count
        }
        return base.ticketIndex(id).map { layout.commentCount(ticket: $0) } ?? 0
    }

    var ticketIDs: DenseIDSpace {
        DenseIDSpace(firstID: 1, lastID: overlay.nextTicketID - 1, removed: overlay.deletedTicketIDs)
    }

    // MARK: Users

    func user(_ id: Int64) -> UserRecord? {
        if let stored = overlay.users[id] { return stored }
        return layout.userIndex(id).map(base.user)
    }

    var userIDs: DenseIDSpace {
        DenseIDSpace(firstID: layout.userID(1), lastID: layout.userID(overlay.nextUserIndex - 1), removed: [])
    }

    /// The user with this e-mail (case-insensitive).
    func userID(forEmail email: String) -> Int64? {
        let lowered = email.lowercased()
        if let id = overlay.userEmails[lowered], user(id)?.email?.lowercased() == lowered { return id }
        guard let index = base.userIndex(forEmail: lowered) else { return nil }
        let id = layout.userID(index)
        return user(id)?.email?.lowercased() == lowered ? id : nil
    }

    /// The user with this external id (case-insensitive).
    func userID(forExternalID externalID: String) -> Int64? {
        let lowered = externalID.lowercased()
        if let id = overlay.userExternalIDs[lowered], user(id)?.externalID?.lowercased() == lowered { return id }
        guard let index = base.userIndex(forExternalID: externalID) else { return nil }
        let id = layout.userID(index)
        return user(id)?.externalID?.lowercased() == lowered ? id : nil
    }

    // MARK: Organizations

    func organizationIncludingDeleted(_ id: Int64) -> OrganizationRecord? {
        if let stored = overlay.organizations[id] { return stored }
        return layout.organizationIndex(id).map(base.organization)
    }

    func organization(_ id: Int64) -> OrganizationRecord? {
        guard let organization = organizationIncludingDeleted(id), organization.deletedAt == nil else { return nil }
        return organization
    }

    var organizationIDs: DenseIDSpace {
        DenseIDSpace(firstID: layout.organizationID(1),
                     lastID: layout.organizationID(overlay.nextOrganizationIndex - 1),
                     removed: overlay.deletedOrganizationIDs)
    }

    /// Whether a live organization already has this name (case-insensitive), other than `excluding`.
    func organizationNameTaken(_ name: String, excluding: Int64? = nil) -> Bool {
        let lowered = name.lowercased()
        if let id = overlay.organizationNames[lowered], id != excluding,
           organization(id)?.name.lowercased() == lowered { return true }
        for index in 1...max(1, layout.organizationCount) where layout.organizationID(index) != excluding {
            let id = layout.organizationID(index)
            guard overlay.organizations[id] == nil else { continue }
            if base.organizationName(index).lowercased() == lowered { return true }
        }
        return false
    }
}
