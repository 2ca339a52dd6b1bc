extension DataOverlay {
    /// Creates a ticket with its first comment and a `Create` audit.
    mutating func createTicket(_ input: NewTicketInput, base: BaseDataset, actorID: Int64, via: ViaChannel,
                               now: Int64) throws(MutationError) -> TicketChangeResult {
        let comment = input.comment ?? CommentInput()
        guard !comment.text.isEmpty else {
            throw .invalid("description", "Description: cannot be blank", "BlankValue")
        }
        try validateEnums(status: input.status, priority: input.priority, type: input.type)
        try validateReferences(assigneeID: input.assigneeID, groupID: input.groupID, authorID: comment.authorID,
                               base: base)
        let requesterID = try resolveRequester(input, base: base, now: now) ?? actorID
        guard let requester = ZendeskSnapshot(base: base, overlay: self).user(requesterID) else {
            throw .invalid("requester", "Requester: is invalid", "InvalidValue")
        }
        let organizationID = requester.organizationID

        let id = nextTicketID
        nextTicketID += 1
        let auditID = nextAuditID()
        let text = comment.text
        let record = CommentRecord(id: nextCommentID(), ticketID: id, auditID: auditID,
                                   authorID: comment.authorID ?? actorID, body: text, isPublic: comment.isPublic,
                                   createdAt: now, via: via, htmlBody: comment.htmlBody)
        let ticket = TicketRecord(
            id: id, externalID: input.externalID, via: via, createdAt: now, updatedAt: now, type: input.type,
            subject: input.subject ?? String(text.prefix(while: { $0 != "\n" }).prefix(80)),
            description: text, priority: input.priority,
            status: input.status ?? (input.assigneeID == nil ? "new" : "open"),
            recipient: nil, requesterID: requesterID, submitterID: actorID, assigneeID: input.assigneeID,
            organizationID: organizationID, groupID: input.groupID ?? (input.assigneeID == nil ? nil : DatasetLayout.groupIDs[0]),
            collaboratorIDs: [], followerIDs: [], dueAt: nil, tags: TagEdit.normalize(input.tags),
            customFields: DataOverlay.mergedFields(DataOverlay.defaultFields, input.customFields), satisfaction: nil,
            brandID: DatasetLayout.brandID, ticketFormID: DatasetLayout.ticketFormID, isPublic: comment.isPublic)

        var events: [AuditEvent] = [.comment(record)]
        let created: [(String, JSONValue)] = [
            ("subject", .string(ticket.subject)), ("requester_id", .string(String(ticket.requesterID))),
            ("status", .string(ticket.status)), ("priority", DataOverlay.value(ticket.priority)),
            ("type", DataOverlay.value(ticket.type)), ("group_id", DataOverlay.value(ticket.groupID)),
            ("assignee_id", DataOverlay.value(ticket.assigneeID)),
            ("organization_id", DataOverlay.value(ticket.organizationID)),
            ("tags", .array(ticket.tags.map(JSONValue.string))), ("brand_id", .string(String(ticket.brandID))),
            ("ticket_form_id", .string(String(ticket.ticketFormID))),
        ]
        for (field, value) in created { events.append(.create(id: nextChildEventID(), field: field, value: value)) }
        let audit = AuditRecord(id: auditID, ticketID: id, createdAt: now, authorID: actorID, via: via, events: events,
                                customMetadata: input.customMetadata ?? [:])

        tickets[id] = StoredTicket(record: ticket, baseIndex: nil, addedComments: [record])
        ticketKeys.move(from: nil, to: ExportKey(timestamp: now, id: id))
        append(audit)
        version += 1
        unannouncedChanges.append(TicketChange(kind: .created, before: nil, after: ticket, audit: audit))
        return TicketChangeResult(ticket: ticket, audit: audit)
    }

    /// Applies `changes` to a live ticket; records `Change` events (and a `Comment` event) in one audit.
    mutating func updateTicket(_ id: Int64, changes: TicketChanges, base: BaseDataset, actorID: Int64,
                               via: ViaChannel, now: Int64) throws(MutationError) -> TicketChangeResult {
        var stored = try storedTicket(id, base: base)
        var ticket = stored.record
        let before = ticket
        if ticket.status == "closed" {
            throw .invalid("status", "Status: closed prevents ticket update", "ClosedPreventsUpdate")
        }
        if let stamp = changes.safeUpdateStamp, stamp != ticket.updatedAt { throw .conflict }
        try validateEnums(status: changes.status, priority: changes.priority.newValue, type: changes.type.newValue)
        if let comment = changes.comment, comment.text.isEmpty {
            throw .invalid("comment", "Comment: cannot be blank", "BlankValue")
        }
        try validateReferences(assigneeID: changes.assigneeID.newValue, groupID: changes.groupID.newValue,
                               authorID: changes.comment?.authorID, base: base)

        let auditID = nextAuditID()
        var events: [AuditEvent] = []
        if let comment = changes.comment {
            let record = CommentRecord(id: nextCommentID(), ticketID: id, auditID: auditID,
                                       authorID: comment.authorID ?? actorID, body: comment.text,
                                       isPublic: comment.isPublic, createdAt: now, via: via,
                                       htmlBody: comment.htmlBody)
            stored.addedComments.append(record)
            events.append(.comment(record))
        }
        func change(_ field: String, _ old: JSONValue, _ new: JSONValue) {
            guard old != new else { return }
            events.append(.change(id: nextChildEventID(), field: field, value: new, previous: old))
        }
        if let subject = changes.subject {
            change("subject", .string(ticket.subject), .string(subject))
            ticket.subject = subject
        }
        if let status = changes.status {
            change("status", .string(ticket.status), .string(status))
            ticket.status = status
        }
        if case .set(let priority) = changes.priority {
            change("priority", DataOverlay.value(ticket.priority), DataOverlay.value(priority))
            ticket.priority = priority
        }
        if case .set(let type) = changes.type {
            change("type", DataOverlay.value(ticket.type), DataOverlay.value(type))
            ticket.type = type
        }
        if case .set(let assignee) = changes.assigneeID {
            change("assignee_id", DataOverlay.value(ticket.assigneeID), DataOverlay.value(assignee))
            ticket.assigneeID = assignee
        }
        if case .set(let group) = changes.groupID {
            change("group_id", DataOverlay.value(ticket.groupID), DataOverlay.value(group))
            ticket.groupID = group
        }
        if case .set(let externalID) = changes.externalID {
            ticket.externalID = externalID
        }
        if let fields = changes.customFields {
            let merged = DataOverlay.mergedFields(ticket.customFields, fields)
            for field in merged {
                let old = ticket.customFields.first { $0.id == field.id }?.value ?? .null
                change("custom_fields_\(field.id)", old, field.value)
            }
            ticket.customFields = merged
        }
        if let edit = changes.tags {
            let newTags = edit.apply(to: ticket.tags)
            change("tags", .array(ticket.tags.map(JSONValue.string)), .array(newTags.map(JSONValue.string)))
            ticket.tags = newTags
        }
        let audit = AuditRecord(id: auditID, ticketID: id, createdAt: now, authorID: actorID, via: via, events: events,
                                customMetadata: changes.customMetadata ?? [:])
        guard !events.isEmpty || changes.externalID != .keep else {
            return TicketChangeResult(ticket: ticket, audit: audit)
        }
        commit(&stored, ticket: ticket, now: now)
        if !events.isEmpty {
            append(audit)
            unannouncedChanges.append(TicketChange(kind: .updated, before: before, after: stored.record, audit: audit))
        }
        return TicketChangeResult(ticket: stored.record, audit: audit)
    }

    /// Soft-deletes a ticket: it leaves lists and shows, and reappears in the export with status `deleted`.
    mutating func deleteTicket(_ id: Int64, base: BaseDataset, actorID: Int64, via: ViaChannel,
                               now: Int64) throws(MutationError) {
        var stored = try storedTicket(id, base: base)
        var ticket = stored.record
        let before = ticket
        let auditID = nextAuditID()
        let event = AuditEvent.change(id: nextChildEventID(), field: "status", value: .string("deleted"),
                                      previous: .string(ticket.status))
        ticket.status = "deleted"
        commit(&stored, ticket: ticket, now: now)
        DataOverlay.insertSorted(id, into: &deletedTicketIDs)
        let audit = AuditRecord(id: auditID, ticketID: id, createdAt: now, authorID: actorID, via: via, events: [event])
        append(audit)
        unannouncedChanges.append(TicketChange(kind: .deleted, before: before, after: stored.record, audit: audit))
    }

    // MARK: Helpers

    /// The stored copy of a live ticket, materialising a generated one on first change.
    private func storedTicket(_ id: Int64, base: BaseDataset) throws(MutationError) -> StoredTicket {
        if let stored = tickets[id] {
            guard !stored.record.isDeleted else { throw .notFound }
            return stored
        }
        guard let index = base.ticketIndex(id) else { throw .notFound }
        return StoredTicket(record: base.ticket(index), baseIndex: index, addedComments: [])
    }

    private mutating func commit(_ stored: inout StoredTicket, ticket: TicketRecord, now: Int64) {
        let oldKey = tickets[ticket.id] == nil ? nil : ExportKey(timestamp: stored.record.updatedAt, id: ticket.id)
        var updated = ticket
        updated.updatedAt = max(now, ticket.createdAt)
        stored.record = updated
        tickets[ticket.id] = stored
        ticketKeys.move(from: oldKey, to: ExportKey(timestamp: updated.updatedAt, id: ticket.id))
        version += 1
    }

    private func validateEnums(status: String?, priority: String?, type: String?) throws(MutationError) {
        var errors: [FieldError] = []
        if let status, !TicketRecord.statuses.contains(status) {
            errors.append(FieldError(field: "status", description: "Status: is not valid", error: "InvalidValue"))
        }
        if let priority, !TicketRecord.priorities.contains(priority) {
            errors.append(FieldError(field: "priority", description: "Priority: is not valid", error: "InvalidValue"))
        }
        if let type, !TicketRecord.types.contains(type) {
            errors.append(FieldError(field: "type", description: "Type: is not valid", error: "InvalidValue"))
        }
        if !errors.isEmpty { throw .invalid(errors) }
    }

    /// Finds or creates the requester given as `requester: {name, email}`; `nil` when none was given.
    private mutating func resolveRequester(_ input: NewTicketInput, base: BaseDataset,
                                           now: Int64) throws(MutationError) -> Int64? {
        if let requesterID = input.requesterID { return requesterID }
        guard let email = input.requesterEmail else { return nil }
        if let existing = ZendeskSnapshot(base: base, overlay: self).userID(forEmail: email) { return existing }
        var user = UserInput()
        user.name = input.requesterName ?? String(email.prefix(while: { $0 != "@" }))
        user.emailValue = email
        return try createUser(user, base: base, now: now).id
    }

    /// Checks that a referenced assignee is staff, the group exists and a comment author exists.
    private func validateReferences(assigneeID: Int64?, groupID: Int64?, authorID: Int64?,
                                    base: BaseDataset) throws(MutationError) {
        let snapshot = ZendeskSnapshot(base: base, overlay: self)
        if let assigneeID, snapshot.user(assigneeID)?.isStaff != true {
            throw .invalid("assignee", "Assignee: is not an agent", "InvalidValue")
        }
        if let groupID, !DatasetLayout.groupIDs.contains(groupID) {
            throw .invalid("group", "Group: is invalid", "InvalidValue")
        }
        if let authorID, snapshot.user(authorID) == nil {
            throw .invalid("author", "Author: is invalid", "InvalidValue")
        }
    }

    static let defaultFields = [
        CustomFieldValue(id: DatasetLayout.formatFieldID, value: .null),
        CustomFieldValue(id: DatasetLayout.isbnFieldID, value: .null),
        CustomFieldValue(id: DatasetLayout.giftFieldID, value: .bool(false)),
    ]

    /// `existing` with values of `updates` replaced by id (unknown ids appended).
    static func mergedFields(_ existing: [CustomFieldValue], _ updates: [CustomFieldValue]) -> [CustomFieldValue] {
        var result = existing
        for update in updates {
            if let position = result.firstIndex(where: { $0.id == update.id }) {
                result[position].value = update.value
            } else {
                result.append(update)
            }
        }
        return result
    }

    /// Audit event values: ids as strings (as Zendesk writes them), text as strings, absent as null.
    static func value(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    static func value(_ id: Int64?) -> JSONValue { id.map { .string(String($0)) } ?? .null }
}

extension FieldUpdate {
    /// The value being set, or `nil` when kept or set to null.
    var newValue: Value? {
        if case .set(let value) = self { return value }
        return nil
    }
}
