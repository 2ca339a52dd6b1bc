/// Changes made through Swift rather than HTTP, as if an agent or customer acted in Zendesk itself. They behave
/// exactly like the HTTP mutations: timestamps move, audits are recorded, exports pick them up.
extension ZendeskSandbox {
    /// Creates a ticket (as the admin, via the web) and returns its id.
    @discardableResult
    public func createTicket(subject: String, body: String, requesterID: Int64? = nil, tags: [String] = [],
                             status: String? = nil, priority: String? = nil, type: String? = nil,
                             isPublic: Bool = true) throws(ZendeskSandboxError) -> Int64 {
        var input = NewTicketInput()
        input.subject = subject
        input.comment = CommentInput(body: body, isPublic: isPublic)
        input.requesterID = requesterID
        input.tags = tags
        input.status = status
        input.priority = priority
        input.type = type
        return try change("ticket") { overlay, base, now throws(MutationError) in
            try overlay.createTicket(input, base: base, actorID: base.layout.userID(1), via: .web, now: now).ticket.id
        }
    }

    /// Adds a comment (public reply or internal note); the author defaults to the admin.
    public func addComment(ticketID: Int64, body: String, public isPublic: Bool = true,
                           authorID: Int64? = nil) throws(ZendeskSandboxError) {
        var changes = TicketChanges()
        changes.comment = CommentInput(body: body, isPublic: isPublic, authorID: authorID)
        try updateTicket(ticketID, changes)
    }

    /// Changes ticket fields; `tags` replaces the whole list.
    public func updateTicket(id: Int64, status: String? = nil, priority: String? = nil, subject: String? = nil,
                             assigneeID: Int64? = nil, tags: [String]? = nil) throws(ZendeskSandboxError) {
        var changes = TicketChanges()
        changes.status = status
        changes.priority = priority.map { .set($0) } ?? .keep
        changes.subject = subject
        changes.assigneeID = assigneeID.map { .set($0) } ?? .keep
        changes.tags = tags.map(TagEdit.replace)
        try updateTicket(id, changes)
    }

    /// Adds tags, keeping the others.
    public func addTags(ticketID: Int64, _ tags: [String]) throws(ZendeskSandboxError) {
        var changes = TicketChanges()
        changes.tags = .add(tags)
        try updateTicket(ticketID, changes)
    }

    /// Removes tags, keeping the others.
    public func removeTags(ticketID: Int64, _ tags: [String]) throws(ZendeskSandboxError) {
        var changes = TicketChanges()
        changes.tags = .remove(tags)
        try updateTicket(ticketID, changes)
    }

    /// Deletes a ticket; the export then reports it with status `deleted`.
    public func deleteTicket(id: Int64) throws(ZendeskSandboxError) {
        try change("ticket \(id)") { overlay, base, now throws(MutationError) in
            try overlay.deleteTicket(id, base: base, actorID: base.layout.userID(1), via: .web, now: now)
        }
    }

    /// Creates a user and returns its id.
    @discardableResult
    public func createUser(name: String, email: String? = nil, role: String = "end-user",
                           organizationID: Int64? = nil) throws(ZendeskSandboxError) -> Int64 {
        var input = UserInput()
        input.name = name
        input.emailValue = email
        input.role = role
        input.organizationID = organizationID.map { .set($0) } ?? .keep
        return try change("user") { overlay, base, now throws(MutationError) in
            try overlay.createUser(input, base: base, now: now).id
        }
    }

    /// Changes a user's name, e-mail or phone.
    public func updateUser(id: Int64, name: String? = nil, email: String? = nil,
                           phone: String? = nil) throws(ZendeskSandboxError) {
        var input = UserInput()
        input.name = name
        if let email { input.emailValue = email }
        if let phone { input.phone = .set(phone) }
        try change("user \(id)") { overlay, base, now throws(MutationError) in
            _ = try overlay.updateUser(id, input, base: base, now: now)
        }
    }

    /// Creates an organization and returns its id.
    @discardableResult
    public func createOrganization(name: String, domainNames: [String] = [],
                                   tags: [String] = []) throws(ZendeskSandboxError) -> Int64 {
        var input = OrganizationInput()
        input.name = name
        input.domainNames = domainNames
        input.tags = tags
        return try change("organization") { overlay, base, now throws(MutationError) in
            try overlay.createOrganization(input, base: base, now: now).id
        }
    }

    /// Changes an organization's name, notes or tags.
    public func updateOrganization(id: Int64, name: String? = nil, notes: String? = nil,
                                   tags: [String]? = nil) throws(ZendeskSandboxError) {
        var input = OrganizationInput()
        input.name = name
        if let notes { input.notes = .set(notes) }
        input.tags = tags
        try change("organization \(id)") { overlay, base, now throws(MutationError) in
            _ = try overlay.updateOrganization(id, input, base: base, now: now)
        }
    }

    /// Deletes an organization; the export then reports its `deleted_at`.
    public func deleteOrganization(id: Int64) throws(ZendeskSandboxError) {
        try change("organization \(id)") { overlay, base, now throws(MutationError) in
            try overlay.deleteOrganization(id, base: base, now: now)
        }
    }

    private func updateTicket(_ id: Int64, _ changes: TicketChanges) throws(ZendeskSandboxError) {
        try change("ticket \(id)") { overlay, base, now throws(MutationError) in
            _ = try overlay.updateTicket(id, changes: changes, base: base, actorID: base.layout.userID(1), via: .web,
                                         now: now)
        }
    }

    private func change<Result>(
        _ what: String, _ body: (inout DataOverlay, BaseDataset, Int64) throws(MutationError) -> Result
    ) throws(ZendeskSandboxError) -> Result {
        do {
            return try services.store.mutate(body)
        } catch {
            throw ZendeskSandboxError(error, what)
        }
    }
}
