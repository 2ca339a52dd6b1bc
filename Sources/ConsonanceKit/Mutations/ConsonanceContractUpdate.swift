import Foundation
import LooseJSON

/// The contract fields `updateContract` can change; `nil` leaves a field as it is.
///
/// Mirrors `UpdateContractInput`. Note that manuscript and delivery dates are not among them: the API does not
/// let a client move those.
public struct ConsonanceContractUpdate: Sendable, Hashable {
    public var contractName: String?
    public var signedDate: CalendarDate?
    public var description: String?
    public var freeCopies: Int?
    public var freeCopiesUsed: Int?
    public var authorDiscount: Decimal?
    public var remainderRate: Decimal?
    public var guaranteedRoyaltyValue: Decimal?
    public var flatFeeValue: Decimal?
    public var terminationReason: String?
    public var terminatedDate: CalendarDate?
    public var clientMutationID: String?

    public init(contractName: String? = nil, signedDate: CalendarDate? = nil, description: String? = nil, freeCopies: Int? = nil, freeCopiesUsed: Int? = nil,
                authorDiscount: Decimal? = nil, remainderRate: Decimal? = nil, guaranteedRoyaltyValue: Decimal? = nil, flatFeeValue: Decimal? = nil,
                terminationReason: String? = nil, terminatedDate: CalendarDate? = nil, clientMutationID: String? = nil) {
        self.contractName = contractName
        self.signedDate = signedDate
        self.description = description
        self.freeCopies = freeCopies
        self.freeCopiesUsed = freeCopiesUsed
        self.authorDiscount = authorDiscount
        self.remainderRate = remainderRate
        self.guaranteedRoyaltyValue = guaranteedRoyaltyValue
        self.flatFeeValue = flatFeeValue
        self.terminationReason = terminationReason
        self.terminatedDate = terminatedDate
        self.clientMutationID = clientMutationID
    }

    func input(id: Int) -> [String: JSONValue] {
        var fields = InputFields()
        fields.set("id", id)
        fields.set("clientMutationId", clientMutationID)
        fields.set("contractName", contractName)
        fields.set("signedDate", signedDate)
        fields.set("description", description)
        fields.set("freeCopies", freeCopies)
        fields.set("freeCopiesUsed", freeCopiesUsed)
        fields.set("authorDiscount", authorDiscount)
        fields.set("remainderRate", remainderRate)
        fields.set("guaranteedRoyaltyValue", guaranteedRoyaltyValue)
        fields.set("flatFeeValue", flatFeeValue)
        fields.set("terminationReason", terminationReason)
        fields.set("terminatedDate", terminatedDate)
        return fields.values
    }
}
