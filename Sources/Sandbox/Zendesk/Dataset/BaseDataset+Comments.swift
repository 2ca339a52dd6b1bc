extension BaseDataset {
    /// The comments of base ticket `index`, oldest first. Authors alternate between requester and agent; some agent
    /// comments are internal notes.
    func comments(ofTicket index: Int) -> [CommentRecord] {
        let (ticket, topic) = generateTicket(index)
        let count = layout.commentCount(ticket: index)
        return (0..<count).map { comment(ticket: ticket, topic: topic, index: index, k: $0) }
    }

    /// The audits of base ticket `index`: one per comment; the first also creates the ticket's fields and the last
    /// moves the status to its final value.
    func audits(ofTicket index: Int) -> [AuditRecord] {
        let (ticket, topic) = generateTicket(index)
        let count = layout.commentCount(ticket: index)
        return (0..<count).map { audit(ticket: ticket, topic: topic, index: index, k: $0, commentCount: count) }
    }

    /// Audit `k` of base ticket `index`.
    func audit(ticket: TicketRecord, topic: TicketTopic, index: Int, k: Int, commentCount: Int) -> AuditRecord {
        let comment = comment(ticket: ticket, topic: topic, index: index, k: k)
        var events: [AuditEvent] = [.comment(comment)]
        var position = 0
        func nextID() -> Int64 {
            position += 1
            return layout.childEventID(ticket: index, comment: k, position: position)
        }
        if k == 0 {
            let initialStatus = commentCount == 1 ? ticket.status : "new"
            let created: [(String, JSONValue)] = [
                ("subject", .string(ticket.subject)),
                ("requester_id", .string(String(ticket.requesterID))),
                ("status", .string(initialStatus)),
                ("priority", ticket.priority.map(JSONValue.string) ?? .null),
                ("type", ticket.type.map(JSONValue.string) ?? .null),
                ("group_id", ticket.groupID.map { .string(String($0)) } ?? .null),
                ("assignee_id", ticket.assigneeID.map { .string(String($0)) } ?? .null),
                ("organization_id", ticket.organizationID.map { .string(String($0)) } ?? .null),
                ("tags", .array(ticket.tags.map(JSONValue.string))),
                ("brand_id", .string(String(ticket.brandID))),
                ("ticket_form_id", .string(String(ticket.ticketFormID))),
            ]
            for (field, value) in created { events.append(.create(id: nextID(), field: field, value: value)) }
        } else if k == commentCount - 1 && ticket.status != "new" {
            events.append(.change(id: nextID(), field: "status", value: .string(ticket.status), previous: .string("new")))
        }
        return AuditRecord(id: comment.auditID, ticketID: ticket.id, createdAt: comment.createdAt,
                           authorID: comment.authorID, via: comment.via, events: events)
    }

    /// Comment `k` of base ticket `index`.
    func comment(ticket: TicketRecord, topic: TicketTopic, index: Int, k: Int) -> CommentRecord {
        var random = SplitMix64(seed: layout.seed, stream: RecordStream.comment, index: UInt64(index) * 16 + UInt64(k))
        let agentID = ticket.assigneeID ?? layout.userID(1 + random.below(layout.agentCount))
        let author: Int64
        let body: String
        var isPublic = true
        var via = ticket.via
        if k == 0 {
            author = ticket.submitterID
            body = ticket.description
            isPublic = ticket.isPublic
        } else if k % 2 == 1 {
            author = agentID
            via = .web
            if random.chance(0.25) {
                isPublic = false
                body = random.pick(PublishingVocabulary.internalNotes)
            } else {
                let first = layout.userIndex(ticket.requesterID).map { userNameParts($0).first } ?? "there"
                body = "Hi \(first),\n\n" + random.pick(PublishingVocabulary.agentReplies)
            }
        } else {
            author = ticket.requesterID
            body = random.pick(PublishingVocabulary.customerFollowUps).replacingAll("{isbn}", with: topic.isbn)
        }
        return CommentRecord(
            id: layout.commentID(ticket: index, comment: k),
            ticketID: ticket.id,
            auditID: layout.auditID(ticket: index, comment: k),
            authorID: author,
            body: body,
            isPublic: isPublic,
            createdAt: layout.commentTime(ticket: index, comment: k),
            via: via
        )
    }
}
