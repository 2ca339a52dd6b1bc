extension BaseDataset {
    private static let firstNameIndex: [String: Int] = Dictionary(
        uniqueKeysWithValues: PeopleVocabulary.firstNames.enumerated().map { (asciiSlug($1), $0) })
    private static let lastNameIndex: [String: Int] = Dictionary(
        uniqueKeysWithValues: PeopleVocabulary.lastNames.enumerated().map { (asciiSlug($1), $0) })

    /// First and last name of base user `index`, chosen by arithmetic so that each (name, block) pair is unique.
    func userNameParts(_ index: Int) -> (first: String, last: String, block: Int) {
        let firstCount = PeopleVocabulary.firstNames.count
        let lastCount = PeopleVocabulary.lastNames.count
        let n = index - 1
        let block = n / (firstCount * lastCount)
        let within = n % (firstCount * lastCount)
        let first = within % firstCount
        let last = (within / firstCount + first * 7) % lastCount
        return (PeopleVocabulary.firstNames[first], PeopleVocabulary.lastNames[last], block)
    }

    /// Organization index of base user `index`; about 80 % of end users belong to one, agents to none.
    func organizationIndex(ofUser index: Int) -> Int? {
        guard index > layout.agentCount else { return nil }
        var random = SplitMix64(seed: layout.seed, stream: RecordStream.user, index: UInt64(index))
        guard random.chance(0.8) else { return nil }
        return 1 + random.below(layout.organizationCount)
    }

    /// E-mail of base user `index`: `first.last@<org domain>`, `@mail.example` without an organization,
    /// `@support.example` for agents; the admin has the configured address.
    func userEmail(_ index: Int) -> String {
        if index == 1 { return layout.adminEmail }
        let (first, last, block) = userNameParts(index)
        let local = BaseDataset.asciiSlug(first) + "." + BaseDataset.asciiSlug(last) + (block > 0 ? String(block + 1) : "")
        if index <= layout.agentCount { return local + "@support.example" }
        let domain = organizationIndex(ofUser: index).map(organizationDomain) ?? "mail.example"
        return local + "@" + domain
    }

    /// The base user with this e-mail (case-insensitive), found by inverting `userEmail` instead of scanning.
    func userIndex(forEmail email: String) -> Int? {
        let lowered = email.lowercased()
        if lowered == layout.adminEmail.lowercased() { return 1 }
        guard let at = lowered.firstIndex(of: "@") else { return nil }
        let nameParts = lowered[..<at].split(separator: ".", maxSplits: 1)
        guard nameParts.count == 2, let first = BaseDataset.firstNameIndex[String(nameParts[0])] else { return nil }
        var lastText = Substring(nameParts[1])
        var digits = ""
        while let character = lastText.last, character.isNumber {
            digits.insert(character, at: digits.startIndex)
            lastText.removeLast()
        }
        guard let last = BaseDataset.lastNameIndex[String(lastText)] else { return nil }
        let block = digits.isEmpty ? 0 : (Int(digits) ?? 0) - 1
        guard block >= 0 else { return nil }
        let firstCount = PeopleVocabulary.firstNames.count
        let lastCount = PeopleVocabulary.lastNames.count
        let quotient = ((last - first * 7) % lastCount + lastCount) % lastCount
        let index = block * firstCount * lastCount + quotient * firstCount + first + 1
        guard index >= 1, index <= layout.userCount, userEmail(index).lowercased() == lowered else { return nil }
        return index
    }

    /// External id of base end user `index` when it has one (`CUST-000123`).
    func userIndex(forExternalID externalID: String) -> Int? {
        let upper = externalID.uppercased()
        guard upper.hasPrefix("CUST-"), let index = Int(upper.dropFirst(5)), index >= 1, index <= layout.userCount,
              user(index).externalID?.uppercased() == upper else { return nil }
        return index
    }

    /// Base user `index` (1…userCount): agents first (the first is the admin), then end users.
    func user(_ index: Int) -> UserRecord {
        var random = SplitMix64(seed: layout.seed, stream: RecordStream.user, index: UInt64(index))
        let hasOrganization = random.chance(0.8)  // same two draws as organizationIndex(ofUser:)
        _ = random.below(layout.organizationCount)
        let isStaff = index <= layout.agentCount
        let organizationIndex = isStaff || !hasOrganization ? nil : organizationIndex(ofUser: index)
        let zone = random.pick(PeopleVocabulary.zones)
        let zoneNumber = PeopleVocabulary.zones.firstIndex { $0.1 == zone.1 } ?? 0
        let phone = random.chance(0.4)
            ? PeopleVocabulary.phonePrefixes[zoneNumber] + BaseDataset.digits(7, from: &random) : nil
        let hasExternalID = !isStaff && random.chance(0.25)
        let suspended = !isStaff && random.chance(0.02)
        let verified = isStaff || random.chance(0.85)
        var tags: [String] = []
        for _ in 0..<random.below(3) {
            let tag = random.pick(PeopleVocabulary.userTags)
            if !tags.contains(tag) { tags.append(tag) }
        }
        let updatedAt = layout.userUpdatedAt(index)
        let createdAt = updatedAt - Int64(random.below(400 * 86_400))
        let lastLoginAt: Int64? = isStaff || random.chance(0.5) ? updatedAt - Int64(random.below(86_400)) : nil
        let (first, last, _) = userNameParts(index)
        let role = index == 1 ? "admin" : (isStaff ? "agent" : "end-user")
        var fields: [String: JSONValue] = [:]
        if !isStaff {
            fields["account_number"] = random.chance(0.5) ? .string("AC-" + BaseDataset.digits(5, from: &random)) : .null
            fields["loyalty_points"] = .int(Int64(random.below(5000)))
            fields["newsletter_opt_in"] = .bool(random.chance(0.6))
            fields["member_since"] = .string(String(UTCTimestamp.string(createdAt).prefix(10)))
        }
        return UserRecord(
            id: layout.userID(index),
            name: index == 1 ? "Sandbox Admin" : first + " " + last,
            email: userEmail(index),
            createdAt: createdAt,
            updatedAt: updatedAt,
            timeZone: zone.0,
            ianaTimeZone: zone.1,
            phone: phone,
            locale: zone.2,
            localeID: zone.3,
            organizationID: organizationIndex.map(layout.organizationID),
            role: role,
            verified: verified,
            externalID: hasExternalID ? "CUST-" + BaseDataset.zeroPadded(index, width: 6) : nil,
            tags: tags,
            active: true,
            lastLoginAt: lastLoginAt,
            details: isStaff ? "Customer support, \(["Trade", "Consumer", "Rights"][index % 3]) team" : nil,
            notes: suspended ? "Suspended after repeated chargebacks." : nil,
            suspended: suspended,
            defaultGroupID: isStaff ? DatasetLayout.groupIDs[index % DatasetLayout.groupIDs.count] : nil,
            userFields: fields
        )
    }
}
