/// What the sandbox holds for one head contract: its milestone dates, deliverables and licensed rights.
public struct ConsonanceContractSummary: Sendable, Equatable {
    /// One scheduled deliverable.
    public struct DeliveryDate: Sendable, Equatable {
        public var id: Int
        public var dateDue: SandboxDate?
        public var deliverableType: String?
        public var slippedDate: SandboxDate?
    }

    /// One right acquired, with the author's share in per cent.
    public struct LicensedRight: Sendable, Equatable {
        public var id: Int
        public var rightType: String
        public var authorCut: Double
    }

    public var id: Int
    public var workID: Int
    public var clientID: Int?
    public var contractName: String
    public var dates: ConsonanceContractDates
    public var deliveryDates: [DeliveryDate]
    public var licensedRights: [LicensedRight]
    public var changed: SandboxDate

    init(_ contract: ContractRecord) {
        id = contract.id
        workID = contract.workID
        clientID = contract.clientID
        contractName = contract.contractName
        dates = ConsonanceContractDates(contract)
        deliveryDates = contract.deliveryDates.map {
            DeliveryDate(id: $0.id, dateDue: $0.dateDue, deliverableType: $0.deliverableType, slippedDate: $0.slippedDate)
        }
        licensedRights = contract.licensedRights.map {
            LicensedRight(id: $0.id, rightType: $0.rightType, authorCut: $0.authorCut)
        }
        changed = contract.changed
    }
}

/// A contract's milestone dates, read from `contract(id:)` and changed with `setContract(id:_:)`
/// (`nil` = no date).
public struct ConsonanceContractDates: Sendable, Equatable {
    public var signedDate: SandboxDate?
    public var msDeliveryDate: SandboxDate?
    public var revisedMsDeliveryDate: SandboxDate?
    public var actualMsDeliveryDate: SandboxDate?
    public var msProofsDate: SandboxDate?
    public var pubBeforeDate: SandboxDate?

    public init(signedDate: SandboxDate? = nil, msDeliveryDate: SandboxDate? = nil,
                revisedMsDeliveryDate: SandboxDate? = nil, actualMsDeliveryDate: SandboxDate? = nil,
                msProofsDate: SandboxDate? = nil, pubBeforeDate: SandboxDate? = nil) {
        self.signedDate = signedDate
        self.msDeliveryDate = msDeliveryDate
        self.revisedMsDeliveryDate = revisedMsDeliveryDate
        self.actualMsDeliveryDate = actualMsDeliveryDate
        self.msProofsDate = msProofsDate
        self.pubBeforeDate = pubBeforeDate
    }

    init(_ contract: ContractRecord) {
        self.init(signedDate: contract.signedDate, msDeliveryDate: contract.msDeliveryDate,
                  revisedMsDeliveryDate: contract.revisedMsDeliveryDate,
                  actualMsDeliveryDate: contract.actualMsDeliveryDate, msProofsDate: contract.msProofsDate,
                  pubBeforeDate: contract.pubBeforeDate)
    }

    func apply(to contract: inout ContractRecord) {
        contract.signedDate = signedDate
        contract.msDeliveryDate = msDeliveryDate
        contract.revisedMsDeliveryDate = revisedMsDeliveryDate
        contract.actualMsDeliveryDate = actualMsDeliveryDate
        contract.msProofsDate = msProofsDate
        contract.pubBeforeDate = pubBeforeDate
    }
}
