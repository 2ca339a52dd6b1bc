/// Runs a parsed query over a snapshot: tickets, users and organizations of the requested types, in relevance order
/// (approximated by kind then id) or sorted by `created_at`, `updated_at`, `priority`, `status` or `ticket_type`.
///
/// Search scans every record (O(N)), unlike Zendesk's index, but only keeps ids and sort keys; a lone e-mail term on
/// users is answered by lookup. Results are immediately consistent (Zendesk's lag behind writes is not imitated).
struct SearchEngine {
    struct Hit: Sendable, Equatable {
        enum Kind: Int, Sendable {
            case ticket, user, organization
        }

        var kind: Kind
        var id: Int64
        var key: Int64
    }

    let query: SearchQuery
    let snapshot: ZendeskSnapshot
    let now: Int64
    let actorID: Int64

    func hits(sortBy: String?, descending: Bool) -> [Hit] {
        let wanted = query.types.isEmpty ? ["ticket", "user", "organization"] : query.types
        let sortKey = sortBy.flatMap { ["created_at", "updated_at", "priority", "status", "ticket_type"].contains($0) ? $0 : nil }
        var hits: [Hit] = []
        if wanted.contains("ticket") {
            let matches = query.ticketPredicate(snapshot: snapshot, now: now, actorID: actorID)
            snapshot.forEachTicket { ticket in
                if matches(ticket) { hits.append(Hit(kind: .ticket, id: ticket.id, key: key(ticket, sortKey))) }
            }
        }
        if wanted.contains("user") {
            let matches = query.userPredicate(snapshot: snapshot, now: now, actorID: actorID)
            for id in candidateUserIDs() {
                guard let user = snapshot.user(id), matches(user) else { continue }
                let key = sortKey == "created_at" ? user.createdAt : (sortKey == "updated_at" ? user.updatedAt : 0)
                hits.append(Hit(kind: .user, id: id, key: key))
            }
        }
        if wanted.contains("organization") {
            let matches = query.organizationPredicate(now: now)
            for id in snapshot.organizationIDs.ids(after: nil, limit: .max) {
                guard let organization = snapshot.organization(id), matches(organization) else { continue }
                let key = sortKey == "created_at" ? organization.createdAt
                    : (sortKey == "updated_at" ? organization.updatedAt : 0)
                hits.append(Hit(kind: .organization, id: id, key: key))
            }
        }
        guard sortKey != nil else { return hits }
        let ascending = hits.sorted { ($0.key, $0.kind.rawValue, $0.id) < ($1.key, $1.kind.rawValue, $1.id) }
        return descending ? ascending.reversed() : ascending
    }

    func write(_ hit: Hit, to writer: inout JSONWriter, links: ZendeskLinks) {
        switch hit.kind {
        case .ticket: snapshot.ticket(hit.id)?.write(to: &writer, links: links, resultType: "ticket")
        case .user: snapshot.user(hit.id)?.write(to: &writer, links: links, resultType: "user")
        case .organization:
            snapshot.organization(hit.id)?.write(to: &writer, links: links, resultType: "organization")
        }
    }

    /// All users, or just the one a lone `email:` (or bare e-mail) term names.
    private func candidateUserIDs() -> [Int64] {
        if query.terms.count == 1, let term = query.terms.first, !term.negated, term.relation == .equals,
           term.field == nil || term.field == "email", term.value.contains("@"), !term.value.hasSuffix("*") {
            return snapshot.userID(forEmail: term.value).map { [$0] } ?? []
        }
        return snapshot.userIDs.ids(after: nil, limit: .max)
    }

    private func key(_ ticket: TicketRecord, _ sortKey: String?) -> Int64 {
        func position(_ value: String?, in order: [String]) -> Int64 {
            Int64(value.flatMap { order.firstIndex(of: $0) } ?? -1)
        }
        switch sortKey {
        case "created_at": return ticket.createdAt
        case "updated_at": return ticket.updatedAt
        case "priority": return position(ticket.priority, in: TicketRecord.priorities)
        case "status": return position(ticket.status, in: TicketRecord.statuses)
        case "ticket_type": return position(ticket.type, in: TicketRecord.types)
        default: return 0
        }
    }
}
