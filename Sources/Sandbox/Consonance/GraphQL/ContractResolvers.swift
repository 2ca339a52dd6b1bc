/// Fields of `Contract` (with its delivery dates and licensed rights as plain objects).
enum ContractResolvers {
    static let contract: Resolve.Fields = [
        "id": Resolve.of(ContractNode.self) { $0.record.id },
        "contractName": Resolve.of(ContractNode.self) { $0.record.contractName },
        "description": Resolve.of(ContractNode.self) { $0.record.description },
        "client": Resolve.of(ContractNode.self) { node in node.record.clientID.flatMap { node.snapshot.contactNode($0) } },
        "work": Resolve.of(ContractNode.self) { $0.snapshot.workNode($0.record.workID) },
        "signedDate": Resolve.of(ContractNode.self) { $0.record.signedDate?.description },
        "term": Resolve.of(ContractNode.self) { $0.record.term },
        "terminatedDate": Resolve.of(ContractNode.self) { $0.record.terminatedDate?.description },
        "terminationReason": Resolve.of(ContractNode.self) { $0.record.terminationReason },
        "reviewDate": Resolve.of(ContractNode.self) { $0.record.reviewDate?.description },
        "copyrightYear": Resolve.of(ContractNode.self) { $0.record.copyrightYear },
        "msDeliveryDate": Resolve.of(ContractNode.self) { $0.record.msDeliveryDate?.description },
        "revisedMsDeliveryDate": Resolve.of(ContractNode.self) { $0.record.revisedMsDeliveryDate?.description },
        "actualMsDeliveryDate": Resolve.of(ContractNode.self) { $0.record.actualMsDeliveryDate?.description },
        "msProofsDate": Resolve.of(ContractNode.self) { $0.record.msProofsDate?.description },
        "pubBeforeDate": Resolve.of(ContractNode.self) { $0.record.pubBeforeDate?.description },
        "deliveryDates": Resolve.of(ContractNode.self) { $0.record.deliveryDates.map(deliveryDate) },
        "licensedRights": Resolve.of(ContractNode.self) { $0.record.licensedRights.map(licensedRight) },
        "freeCopies": Resolve.of(ContractNode.self) { $0.record.freeCopies },
        "freeCopiesUsed": Resolve.of(ContractNode.self) { $0.record.freeCopiesUsed },
        "flatFeeValue": Resolve.of(ContractNode.self) { $0.record.flatFeeValue },
        "guaranteedRoyaltyValue": Resolve.of(ContractNode.self) { $0.record.guaranteedRoyaltyValue },
        "authorDiscount": Resolve.of(ContractNode.self) { $0.record.authorDiscount },
        "remainderRate": Resolve.of(ContractNode.self) { $0.record.remainderRate },
    ]

    static func deliveryDate(_ record: DeliveryDateRecord) -> [String: any Sendable] {
        graphQLObject([
            "id": record.id, "dateDue": record.dateDue?.description, "deliverableType": record.deliverableType,
            "deliveryRequirement": record.deliveryRequirement, "percentageOfTotal": record.percentageOfTotal,
            "slippedDate": record.slippedDate?.description,
        ])
    }

    static func licensedRight(_ record: LicensedRightRecord) -> [String: any Sendable] {
        ["id": record.id, "rightType": record.rightType, "authorCut": record.authorCut]
    }
}
