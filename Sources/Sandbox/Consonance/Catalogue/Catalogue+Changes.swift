/// The changes mutations, admin endpoints and the Swift API make. Each one validates first, then changes the record
/// and stamps it with `today`, so a failed change leaves nothing behind.
extension Catalogue {
    mutating func changeProduct(_ id: Int, _ body: (inout ProductRecord) throws(ConsonanceSandboxError) -> Void)
        throws(ConsonanceSandboxError) -> ProductRecord
    {
        guard let index = productIndex(id) else { throw .notFound("Product \(id)") }
        var product = products[index]
        try body(&product)
        product.changed = today
        products[index] = product
        return product
    }

    mutating func changeWork(_ id: Int, _ body: (inout WorkRecord) throws(ConsonanceSandboxError) -> Void)
        throws(ConsonanceSandboxError) -> WorkRecord
    {
        guard let index = workIndex(id) else { throw .notFound("Work \(id)") }
        var work = works[index]
        try body(&work)
        work.changed = today
        works[index] = work
        return work
    }

    mutating func changeContract(_ id: Int, _ body: (inout ContractRecord) throws(ConsonanceSandboxError) -> Void)
        throws(ConsonanceSandboxError) -> ContractRecord
    {
        guard let index = contractIndex(id) else { throw .notFound("Contract \(id)") }
        var contract = contracts[index]
        try body(&contract)
        contract.changed = today
        contracts[index] = contract
        return contract
    }

    mutating func changeContact(_ id: Int, _ body: (inout ContactRecord) throws(ConsonanceSandboxError) -> Void)
        throws(ConsonanceSandboxError) -> ContactRecord
    {
        guard let index = contactIndex(id) else { throw .notFound("Contact \(id)") }
        var contact = contacts[index]
        try body(&contact)
        contact.changed = today
        contacts[index] = contact
        return contact
    }

    // MARK: Web links

    mutating func createWebLink(owner: WebLinkOwner, link: String, role: String, note: String?, includeInOnix: Bool)
        throws(ConsonanceSandboxError) -> WebLinkRecord
    {
        try Catalogue.validate(link: link)
        let record = WebLinkRecord(id: counters.webLink, link: link, role: role, note: note, includeInOnix: includeInOnix)
        switch owner {
        case .product(let id): _ = try changeProduct(id) { $0.webLinks.append(record) }
        case .contact(let id): _ = try changeContact(id) { $0.webLinks.append(record) }
        }
        counters.webLink += 1
        webLinkOwners[record.id] = owner
        return record
    }

    mutating func updateWebLink(_ id: Int, _ body: (inout WebLinkRecord) throws(ConsonanceSandboxError) -> Void)
        throws(ConsonanceSandboxError) -> WebLinkRecord
    {
        guard let owner = webLinkOwners[id] else { throw .notFound("WebLink \(id)") }
        var updated: WebLinkRecord?
        func apply(_ links: inout [WebLinkRecord]) throws(ConsonanceSandboxError) {
            guard let position = links.firstIndex(where: { $0.id == id }) else { throw .notFound("WebLink \(id)") }
            var link = links[position]
            try body(&link)
            try Catalogue.validate(link: link.link)
            links[position] = link
            updated = link
        }
        switch owner {
        case .product(let productID): _ = try changeProduct(productID) { (product) throws(ConsonanceSandboxError) in try apply(&product.webLinks) }
        case .contact(let contactID): _ = try changeContact(contactID) { (contact) throws(ConsonanceSandboxError) in try apply(&contact.webLinks) }
        }
        guard let updated else { throw .notFound("WebLink \(id)") }
        return updated
    }

    mutating func deleteWebLink(_ id: Int) throws(ConsonanceSandboxError) {
        guard let owner = webLinkOwners[id] else { throw .notFound("WebLink \(id)") }
        switch owner {
        case .product(let productID): _ = try changeProduct(productID) { $0.webLinks.removeAll { $0.id == id } }
        case .contact(let contactID): _ = try changeContact(contactID) { $0.webLinks.removeAll { $0.id == id } }
        }
        webLinkOwners[id] = nil
    }

    /// Consonance's `URL` scalar: an absolute http(s) address.
    static func validate(link: String) throws(ConsonanceSandboxError) {
        let lower = link.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = lower.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = lower.dropFirst(7)
        } else {
            throw .invalid("Link is not a valid URL (expected http:// or https://)")
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, !link.contains(" ") else { throw .invalid("Link is not a valid URL") }
    }

    // MARK: Contract parts

    mutating func createDeliveryDate(contractID: Int, _ record: DeliveryDateRecord) throws(ConsonanceSandboxError)
        -> DeliveryDateRecord
    {
        var record = record
        record.id = counters.deliveryDate
        _ = try changeContract(contractID) { [record] in $0.deliveryDates.append(record) }
        counters.deliveryDate += 1
        deliveryDateContracts[record.id] = contractID
        return record
    }

    mutating func changeDeliveryDate(_ id: Int, _ body: (inout DeliveryDateRecord) -> Void) throws(ConsonanceSandboxError)
        -> DeliveryDateRecord
    {
        guard let contractID = deliveryDateContracts[id] else { throw .notFound("DeliveryDate \(id)") }
        var updated: DeliveryDateRecord?
        _ = try changeContract(contractID) { contract in
            guard let position = contract.deliveryDates.firstIndex(where: { $0.id == id }) else { return }
            body(&contract.deliveryDates[position])
            updated = contract.deliveryDates[position]
        }
        guard let updated else { throw .notFound("DeliveryDate \(id)") }
        return updated
    }

    mutating func deleteDeliveryDate(_ id: Int) throws(ConsonanceSandboxError) {
        guard let contractID = deliveryDateContracts[id] else { throw .notFound("DeliveryDate \(id)") }
        _ = try changeContract(contractID) { $0.deliveryDates.removeAll { $0.id == id } }
        deliveryDateContracts[id] = nil
    }

    mutating func addLicensedRight(contractID: Int, rightType: String, authorCut: Double) throws(ConsonanceSandboxError)
        -> LicensedRightRecord
    {
        guard !rightType.trimmingSpaces().isEmpty else { throw .invalid("Right type can't be blank") }
        guard authorCut >= 0, authorCut <= 100 else { throw .invalid("Author cut must be between 0 and 100") }
        let record = LicensedRightRecord(id: counters.licensedRight, rightType: rightType, authorCut: authorCut)
        _ = try changeContract(contractID) { $0.licensedRights.append(record) }
        counters.licensedRight += 1
        return record
    }

    mutating func removeLicensedRight(contractID: Int, rightID: Int) throws(ConsonanceSandboxError) {
        guard let contract = contract(contractID) else { throw .notFound("Contract \(contractID)") }
        guard contract.licensedRights.contains(where: { $0.id == rightID }) else {
            throw .notFound("LicensedRight \(rightID)")
        }
        _ = try changeContract(contractID) { $0.licensedRights.removeAll { $0.id == rightID } }
    }
}
