/// Changes made "inside Consonance", behind a client's back — what a publisher's staff would do in the web app.
/// Each stamps the changed record with the sandbox's `today`, so it shows up in `changedSince` queries.
extension ConsonanceSandbox {
    /// The sandbox's calendar date.
    public var today: SandboxDate { services.store.today }

    /// Moves the sandbox's calendar; later changes are stamped with the new date. Data does not age by itself.
    public func setToday(_ date: SandboxDate) {
        services.store.setToday(date)
    }

    /// Sets or (with `nil`) clears a product's publication date.
    public func setPublicationDate(productID: Int, _ date: SandboxDate?) throws(ConsonanceSandboxError) {
        try services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
            try catalogue.setPublicationDate(productID: productID, date)
        }
    }

    /// Sets a product's ONIX List 64 publishing status (`"04"` or `"_04"`).
    public func setPublishingStatus(productID: Int, _ code: String) throws(ConsonanceSandboxError) {
        try services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
            try catalogue.setPublishingStatus(productID: productID, code)
        }
    }

    /// Replaces a product's sales rights (ISO 3166-1 alpha-2 codes).
    public func setSalesRights(productID: Int, forSale: [String], notForSale: [String], worldwide: Bool)
        throws(ConsonanceSandboxError)
    {
        try services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
            try catalogue.setSalesRights(productID: productID, forSale: forSale, notForSale: notForSale,
                                         worldwide: worldwide)
        }
    }

    /// Moves a work to another project stage ("Typesetting", "Published", …).
    public func setProjectStage(workID: Int, _ stage: String) throws(ConsonanceSandboxError) {
        try services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
            try catalogue.setProjectStage(workID: workID, stage)
        }
    }

    /// Changes a contract's milestone dates, e.g. `setContract(id: 3) { $0.revisedMsDeliveryDate = date }`.
    public func setContract(id: Int, _ change: (inout ConsonanceContractDates) -> Void) throws(ConsonanceSandboxError) {
        try services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
            try catalogue.setContractDates(contractID: id, change)
        }
    }

    /// Records the manuscript as delivered (`actualMsDeliveryDate`), by default today.
    public func markDelivered(contractID: Int, on date: SandboxDate? = nil) throws(ConsonanceSandboxError) {
        let day = date ?? today
        try setContract(id: contractID) { $0.actualMsDeliveryDate = day }
    }

    /// Sets (or with `nil` clears) the slipped date of one of a contract's delivery dates.
    public func slipDeliveryDate(id: Int, to date: SandboxDate?) throws(ConsonanceSandboxError) {
        try services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
            try catalogue.slipDeliveryDate(id, to: date)
        }
    }

    /// Adds a licensed right to a contract and returns its id.
    @discardableResult
    public func addLicensedRight(contractID: Int, rightType: String, authorCut: Double) throws(ConsonanceSandboxError) -> Int {
        try services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
            try catalogue.addLicensedRight(contractID: contractID, rightType: rightType, authorCut: authorCut).id
        }
    }

    public func removeLicensedRight(contractID: Int, rightID: Int) throws(ConsonanceSandboxError) {
        try services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
            try catalogue.removeLicensedRight(contractID: contractID, rightID: rightID)
        }
    }

    /// Replaces a contact's first e-mail address and/or phone number (E.164); `nil` keeps the current one.
    public func setContactDetails(contactID: Int, email: String? = nil, phone: String? = nil) throws(ConsonanceSandboxError) {
        try services.store.mutate { (catalogue) throws(ConsonanceSandboxError) in
            try catalogue.setContactDetails(contactID: contactID, email: email, phone: phone)
        }
    }
}
