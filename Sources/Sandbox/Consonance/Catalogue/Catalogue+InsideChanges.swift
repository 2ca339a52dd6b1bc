/// Changes that happen inside Consonance (a publisher's staff editing a title), which the real API cannot make:
/// the sandbox offers them through its Swift API and `/_sandbox/…` so tests can change data behind a client's back.
/// Each stamps the changed record with `today`.
extension Catalogue {
    mutating func setPublicationDate(productID: Int, _ date: SandboxDate?) throws(ConsonanceSandboxError) {
        _ = try changeProduct(productID) { $0.publicationDate = date }
    }

    /// `code` from ONIX List 64, with or without the GraphQL underscore (`04`, `_04`).
    mutating func setPublishingStatus(productID: Int, _ code: String) throws(ConsonanceSandboxError) {
        let code = ONIXCodes.code(code)
        guard ONIXCodes.publishingStatus[code] != nil else {
            throw .invalid("'\(code)' is not an ONIX List 64 publishing status")
        }
        _ = try changeProduct(productID) { $0.publishingStatus = code }
    }

    mutating func setSalesRights(productID: Int, forSale: [String], notForSale: [String], worldwide: Bool)
        throws(ConsonanceSandboxError)
    {
        for code in forSale + notForSale where code.count != 2 || !code.allSatisfy({ $0.isUppercase && $0.isLetter }) {
            throw .invalid("'\(code)' is not an ISO 3166-1 alpha-2 country code")
        }
        _ = try changeProduct(productID) { product in
            product.forSaleCountryCodes = forSale
            product.notForSaleCountryCodes = notForSale
            product.isForSaleWorldwide = worldwide
            product.salesRightsDescription = SalesTerritories.describe(forSale: forSale, notForSale: notForSale,
                                                                       worldwide: worldwide)
        }
    }

    mutating func setProjectStage(workID: Int, _ stage: String) throws(ConsonanceSandboxError) {
        guard !stage.trimmingSpaces().isEmpty else { throw .invalid("Project stage can't be blank") }
        _ = try changeWork(workID) { $0.projectStage = stage }
    }

    mutating func setContractDates(contractID: Int, _ change: (inout ConsonanceContractDates) -> Void)
        throws(ConsonanceSandboxError)
    {
        _ = try changeContract(contractID) { contract in
            var dates = ConsonanceContractDates(contract)
            change(&dates)
            dates.apply(to: &contract)
        }
    }

    /// Sets (or with `nil` clears) a deliverable's slipped date.
    mutating func slipDeliveryDate(_ id: Int, to date: SandboxDate?) throws(ConsonanceSandboxError) {
        _ = try changeDeliveryDate(id) { $0.slippedDate = date }
    }

    /// Replaces the contact's first e-mail address and/or phone number.
    mutating func setContactDetails(contactID: Int, email: String?, phone: String?) throws(ConsonanceSandboxError) {
        if let phone, !(phone.hasPrefix("+") && phone.dropFirst().allSatisfy(\.isNumber) && phone.count >= 8) {
            throw .invalid("'\(phone)' is not an E.164 phone number")
        }
        if let email, !email.contains("@") { throw .invalid("'\(email)' is not an e-mail address") }
        _ = try changeContact(contactID) { contact in
            if let email {
                if contact.emails.isEmpty { contact.emails = [email] } else { contact.emails[0] = email }
            }
            if let phone {
                if contact.phones.isEmpty {
                    contact.phones = [PhoneRecord(number: phone, type: "Mobile")]
                } else {
                    contact.phones[0].number = phone
                }
            }
        }
    }
}
