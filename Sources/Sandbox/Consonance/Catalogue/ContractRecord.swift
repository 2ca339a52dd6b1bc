/// A head contract between the publisher and a work's author: milestone dates, deliverables and the rights acquired.
struct ContractRecord: Sendable {
    var id: Int
    var workID: Int
    var clientID: Int?
    var contractName: String
    var description: String?
    var signedDate: SandboxDate?
    /// Months.
    var term: Int?
    var terminatedDate: SandboxDate?
    var terminationReason: String?
    var reviewDate: SandboxDate?
    var copyrightYear: Int?
    var msDeliveryDate: SandboxDate?
    var revisedMsDeliveryDate: SandboxDate?
    var actualMsDeliveryDate: SandboxDate?
    var msProofsDate: SandboxDate?
    var pubBeforeDate: SandboxDate?
    var deliveryDates: [DeliveryDateRecord]
    var licensedRights: [LicensedRightRecord]
    var freeCopies: Int?
    var freeCopiesUsed: Int?
    var flatFeeValue: Double?
    var guaranteedRoyaltyValue: Double?
    var authorDiscount: Double?
    var remainderRate: Double?
    var changed: SandboxDate
}

/// One deliverable the contract schedules (manuscript, illustrations, index).
struct DeliveryDateRecord: Sendable {
    var id: Int
    var dateDue: SandboxDate?
    var deliverableType: String?
    var deliveryRequirement: String?
    var percentageOfTotal: Double?
    var slippedDate: SandboxDate?
}

/// A right the publisher acquired in the head contract, with the author's share of its income.
struct LicensedRightRecord: Sendable {
    var id: Int
    var rightType: String
    var authorCut: Double
}
