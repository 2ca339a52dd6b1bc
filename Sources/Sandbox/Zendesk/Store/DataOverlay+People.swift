extension DataOverlay {
    static let roles = ["end-user", "agent", "admin"]

    /// Creates a user; name is required, e-mail and external id must be unique.
    mutating func createUser(_ input: UserInput, base: BaseDataset, now: Int64) throws(MutationError) -> UserRecord {
        guard let name = input.name?.trimmingSpaces(), !name.isEmpty else {
            throw .invalid("name", "Name: cannot be blank", "BlankValue")
        }
        let id = base.layout.userID(nextUserIndex)
        let zone = PeopleVocabulary.zones[0]
        let empty = UserRecord(
            id: id, name: name, email: nil, createdAt: now, updatedAt: now, timeZone: zone.0, ianaTimeZone: zone.1,
            phone: nil, locale: zone.2, localeID: zone.3, organizationID: nil, role: "end-user", verified: false,
            externalID: nil, tags: [], active: true, lastLoginAt: nil, details: nil, notes: nil, suspended: false,
            defaultGroupID: nil, userFields: [:])
        let user = try applying(input, to: empty, base: base, now: now)
        nextUserIndex += 1
        store(user, previous: nil)
        return user
    }

    /// Updates a user.
    mutating func updateUser(_ id: Int64, _ input: UserInput, base: BaseDataset,
                             now: Int64) throws(MutationError) -> UserRecord {
        guard let existing = ZendeskSnapshot(base: base, overlay: self).user(id) else { throw .notFound }
        let user = try applying(input, to: existing, base: base, now: now)
        store(user, previous: existing)
        return user
    }

    private func applying(_ input: UserInput, to existing: UserRecord, base: BaseDataset,
                          now: Int64) throws(MutationError) -> UserRecord {
        let snapshot = ZendeskSnapshot(base: base, overlay: self)
        var user = existing
        var errors: [FieldError] = []
        if let name = input.name {
            if name.trimmingSpaces().isEmpty {
                errors.append(FieldError(field: "name", description: "Name: cannot be blank", error: "BlankValue"))
            }
            user.name = name
        }
        if case .set(let email) = input.email {
            if let email {
                let parts = email.split(separator: "@")
                if parts.count != 2 || !parts[1].contains(".") {
                    errors.append(FieldError(field: "email", description: "Email: \(email) is not properly formatted",
                                             error: "InvalidFormat"))
                } else if let owner = snapshot.userID(forEmail: email), owner != user.id {
                    errors.append(FieldError(field: "email",
                                             description: "Email: \(email) is already being used by another user",
                                             error: "DuplicateValue"))
                }
            }
            user.email = email
        }
        if let role = input.role {
            if !DataOverlay.roles.contains(role) {
                errors.append(FieldError(field: "role", description: "Role: is not valid", error: "InvalidValue"))
            }
            user.role = role
        }
        if case .set(let externalID) = input.externalID {
            if let externalID, let owner = snapshot.userID(forExternalID: externalID), owner != user.id {
                errors.append(FieldError(field: "external_id", description: "External ID: has already been taken",
                                         error: "DuplicateValue"))
            }
            user.externalID = externalID
        }
        if case .set(let organizationID) = input.organizationID {
            if let organizationID, snapshot.organization(organizationID) == nil {
                errors.append(FieldError(field: "organization_id", description: "Organization: is invalid",
                                         error: "InvalidValue"))
            }
            user.organizationID = organizationID
        }
        if case .set(let phone) = input.phone { user.phone = phone }
        if case .set(let details) = input.details { user.details = details }
        if case .set(let notes) = input.notes { user.notes = notes }
        if let tags = input.tags { user.tags = TagEdit.normalize(tags) }
        if let suspended = input.suspended { user.suspended = suspended }
        if let verified = input.verified { user.verified = verified }
        if let timeZone = input.timeZone,
           let zone = PeopleVocabulary.zones.first(where: { $0.0 == timeZone || $0.1 == timeZone }) {
            user.timeZone = zone.0
            user.ianaTimeZone = zone.1
        }
        if let fields = input.userFields { user.userFields.merge(fields) { _, new in new } }
        guard errors.isEmpty else { throw .invalid(errors) }
        user.updatedAt = max(now, user.createdAt)
        return user
    }

    private mutating func store(_ user: UserRecord, previous: UserRecord?) {
        let wasStored = users[user.id] != nil
        users[user.id] = user
        userKeys.move(from: wasStored ? previous.map { ExportKey(timestamp: $0.updatedAt, id: $0.id) } : nil,
                      to: ExportKey(timestamp: user.updatedAt, id: user.id))
        if let email = user.email { userEmails[email.lowercased()] = user.id }
        if let externalID = user.externalID { userExternalIDs[externalID.lowercased()] = user.id }
        version += 1
    }

    // MARK: Organizations

    /// Creates an organization; the name is required and unique.
    mutating func createOrganization(_ input: OrganizationInput, base: BaseDataset,
                                     now: Int64) throws(MutationError) -> OrganizationRecord {
        guard let name = input.name?.trimmingSpaces(), !name.isEmpty else {
            throw .invalid("name", "Name: cannot be blank", "BlankValue")
        }
        let id = base.layout.organizationID(nextOrganizationIndex)
        let empty = OrganizationRecord(id: id, name: name, sharedTickets: false, sharedComments: false,
                                       externalID: nil, createdAt: now, updatedAt: now, domainNames: [], details: nil,
                                       notes: nil, groupID: nil, tags: [], deletedAt: nil)
        let organization = try applying(input, to: empty, base: base, now: now)
        nextOrganizationIndex += 1
        store(organization, previous: nil)
        return organization
    }

    mutating func updateOrganization(_ id: Int64, _ input: OrganizationInput, base: BaseDataset,
                                     now: Int64) throws(MutationError) -> OrganizationRecord {
        guard let existing = ZendeskSnapshot(base: base, overlay: self).organization(id) else { throw .notFound }
        let organization = try applying(input, to: existing, base: base, now: now)
        store(organization, previous: existing)
        return organization
    }

    /// Soft-deletes an organization: it leaves lists and shows, and the export reports its `deleted_at`.
    mutating func deleteOrganization(_ id: Int64, base: BaseDataset, now: Int64) throws(MutationError) {
        guard var organization = ZendeskSnapshot(base: base, overlay: self).organization(id) else { throw .notFound }
        let previous = organization
        organization.deletedAt = now
        organization.updatedAt = max(now, organization.createdAt)
        store(organization, previous: previous)
        DataOverlay.insertSorted(id, into: &deletedOrganizationIDs)
    }

    private func applying(_ input: OrganizationInput, to existing: OrganizationRecord, base: BaseDataset,
                          now: Int64) throws(MutationError) -> OrganizationRecord {
        var organization = existing
        if let name = input.name {
            let trimmed = name.trimmingSpaces()
            guard !trimmed.isEmpty else { throw .invalid("name", "Name: cannot be blank", "BlankValue") }
            let isNew = organizations[existing.id] == nil && base.layout.organizationIndex(existing.id) == nil
            if isNew || trimmed.lowercased() != existing.name.lowercased(),
               ZendeskSnapshot(base: base, overlay: self).organizationNameTaken(trimmed, excluding: existing.id) {
                throw .invalid("name", "Name: has already been taken", "DuplicateValue")
            }
            organization.name = trimmed
        }
        if case .set(let externalID) = input.externalID { organization.externalID = externalID }
        if let domains = input.domainNames { organization.domainNames = domains.map { $0.lowercased() } }
        if case .set(let details) = input.details { organization.details = details }
        if case .set(let notes) = input.notes { organization.notes = notes }
        if case .set(let groupID) = input.groupID {
            if let groupID, !DatasetLayout.groupIDs.contains(groupID) {
                throw .invalid("group_id", "Group: is invalid", "InvalidValue")
            }
            organization.groupID = groupID
        }
        if let tags = input.tags { organization.tags = TagEdit.normalize(tags) }
        if let shared = input.sharedTickets { organization.sharedTickets = shared }
        if let shared = input.sharedComments { organization.sharedComments = shared }
        organization.updatedAt = max(now, organization.createdAt)
        return organization
    }

    private mutating func store(_ organization: OrganizationRecord, previous: OrganizationRecord?) {
        let wasStored = organizations[organization.id] != nil
        organizations[organization.id] = organization
        organizationKeys.move(
            from: wasStored ? previous.map { ExportKey(timestamp: $0.updatedAt, id: $0.id) } : nil,
            to: ExportKey(timestamp: organization.updatedAt, id: organization.id))
        organizationNames[organization.name.lowercased()] = organization.id
        version += 1
    }
}
