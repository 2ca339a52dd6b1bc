/// Compiles a query into predicates over tickets, users and organizations; people and organizations named in terms
/// are looked up once per search.
extension SearchQuery {
    /// Whether a ticket satisfies every term (deleted tickets are never found).
    func ticketPredicate(snapshot: ZendeskSnapshot, now: Int64, actorID: Int64) -> (TicketRecord) -> Bool {
        let people = PeopleLookup(snapshot: snapshot, actorID: actorID)
        return compile({ term in
            let value = term.value
            switch term.field {
            case nil:
                return { SearchValues.contains($0.subject, value) || SearchValues.contains($0.description, value) }
            case "status": return { SearchValues.ordered($0.status, term, order: TicketRecord.statuses) }
            case "priority": return { SearchValues.ordered($0.priority, term, order: TicketRecord.priorities) }
            case "ticket_type": return { SearchValues.equals($0.type, value) }
            case "tags", "tag": return { $0.tags.contains(value.lowercased()) }
            case "subject": return { SearchValues.contains($0.subject, value) }
            case "description", "comment": return { SearchValues.contains($0.description, value) }
            case "external_id": return { SearchValues.equals($0.externalID, value) }
            case "via": return { $0.via.rawValue == value.lowercased() }
            case "created": return { SearchValues.time($0.createdAt, term, now: now) }
            case "updated": return { SearchValues.time($0.updatedAt, term, now: now) }
            case "requester":
                let ids = people.userIDs(value)
                return { ids.contains($0.requesterID) }
            case "submitter":
                let ids = people.userIDs(value)
                return { ids.contains($0.submitterID) }
            case "assignee":
                let ids = people.userIDs(value)
                return { ticket in ticket.assigneeID.map(ids.contains) ?? people.meansNone(value) }
            case "organization":
                let ids = people.organizationIDs(value)
                return { ticket in ticket.organizationID.map(ids.contains) ?? people.meansNone(value) }
            case "group":
                return { ticket in ticket.groupID.map { String($0) == value } ?? people.meansNone(value) }
            default:
                return { _ in false }
            }
        }, always: { !$0.isDeleted })
    }

    /// Whether a user satisfies every term.
    func userPredicate(snapshot: ZendeskSnapshot, now: Int64, actorID: Int64) -> (UserRecord) -> Bool {
        let people = PeopleLookup(snapshot: snapshot, actorID: actorID)
        return compile({ term in
            let value = term.value
            switch term.field {
            case nil:
                return { user in
                    SearchValues.contains(user.name, value) || SearchValues.equals(user.email, value)
                        || PeopleLookup.samePhone(user.phone, value) || SearchValues.equals(user.externalID, value)
                }
            case "email": return { SearchValues.equals($0.email, value) }
            case "name": return { SearchValues.contains($0.name, value) }
            case "phone": return { PeopleLookup.samePhone($0.phone, value) }
            case "role": return { $0.role == value.lowercased() || ($0.role == "end-user" && value == "end_user") }
            case "external_id": return { SearchValues.equals($0.externalID, value) }
            case "tags", "tag": return { $0.tags.contains(value.lowercased()) }
            case "organization":
                let ids = people.organizationIDs(value)
                return { user in user.organizationID.map(ids.contains) ?? people.meansNone(value) }
            case "created": return { SearchValues.time($0.createdAt, term, now: now) }
            case "updated": return { SearchValues.time($0.updatedAt, term, now: now) }
            case "is_suspended": return { $0.suspended == (value == "true") }
            default: return { _ in false }
            }
        }, always: { _ in true })
    }

    /// Whether an organization satisfies every term.
    func organizationPredicate(now: Int64) -> (OrganizationRecord) -> Bool {
        compile({ term in
            let value = term.value
            switch term.field {
            case nil, "name": return { SearchValues.contains($0.name, value) }
            case "external_id": return { SearchValues.equals($0.externalID, value) }
            case "tags", "tag": return { $0.tags.contains(value.lowercased()) }
            case "created": return { SearchValues.time($0.createdAt, term, now: now) }
            case "updated": return { SearchValues.time($0.updatedAt, term, now: now) }
            default: return { _ in false }
            }
        }, always: { $0.deletedAt == nil })
    }

    private func compile<Record>(_ check: (Term) -> ((Record) -> Bool),
                                 always: @escaping (Record) -> Bool) -> (Record) -> Bool {
        let groups = self.groups.map { group in group.map { term in (check(term), term.negated) } }
        return { record in
            always(record) && groups.allSatisfy { group in
                group.contains { predicate, negated in predicate(record) != negated }
            }
        }
    }
}

/// Resolves the people and organizations search terms name (`requester:ada@example.com`, `assignee:me`,
/// `organization:370000000001`, `none`).
struct PeopleLookup {
    let snapshot: ZendeskSnapshot
    let actorID: Int64

    func meansNone(_ value: String) -> Bool { value.lowercased() == "none" }

    /// Users meant by an e-mail, id, `me` or exact name.
    func userIDs(_ value: String) -> Set<Int64> {
        if value.lowercased() == "me" { return [actorID] }
        if let id = Int64(value) { return [id] }
        if value.contains("@") { return snapshot.userID(forEmail: value).map { [$0] } ?? [] }
        let lowered = value.lowercased()
        return Set(snapshot.userIDs.ids(after: nil, limit: .max).filter { snapshot.user($0)?.name.lowercased() == lowered })
    }

    /// Organizations meant by an id or exact name.
    func organizationIDs(_ value: String) -> Set<Int64> {
        if let id = Int64(value) { return [id] }
        let lowered = value.lowercased()
        return Set(snapshot.organizationIDs.ids(after: nil, limit: .max).filter {
            snapshot.organization($0)?.name.lowercased() == lowered
        })
    }

    /// Phone numbers compared by their digits (a query may omit `+`, spaces or dashes).
    static func samePhone(_ phone: String?, _ value: String) -> Bool {
        guard let phone else { return false }
        let have = phone.filter(\.isNumber)
        let wanted = value.filter(\.isNumber)
        return !wanted.isEmpty && have.hasSuffix(wanted)
    }
}
