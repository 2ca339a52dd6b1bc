import ConnectorKit
import Foundation

/// A head contract: its milestone dates, deliverables, acquired rights and headline financial terms.
///
/// Contracts hold the schedule dates the API exposes (signature, manuscript delivery and proofs, publish-before,
/// review), which is why they are read on their own. Royalty runs and rights deals are not in the API.
public struct ConsonanceContract: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var contractName: String?
    public var description: String?
    /// `client.name`: the contracting party (usually the author or their agent).
    public var clientName: String?
    public var clientID: Int?
    /// The work, when the query selected it.
    public var workID: Int?
    public var workTitle: String?
    public var signedDate: CalendarDate?
    /// Length in months.
    public var term: Int?
    public var terminatedDate: CalendarDate?
    public var terminationReason: String?
    public var reviewDate: CalendarDate?
    public var copyrightYear: Int?
    public var msDeliveryDate: CalendarDate?
    public var revisedMsDeliveryDate: CalendarDate?
    public var actualMsDeliveryDate: CalendarDate?
    public var msProofsDate: CalendarDate?
    public var pubBeforeDate: CalendarDate?
    public var deliveryDates: [ConsonanceDeliveryDate]
    public var licensedRights: [ConsonanceLicensedRight]
    public var freeCopies: Int?
    public var freeCopiesUsed: Int?
    public var flatFeeValue: Decimal?
    public var guaranteedRoyaltyValue: Decimal?
    public var authorDiscount: Decimal?
    public var remainderRate: Decimal?

    public init(id: Int, contractName: String?, deliveryDates: [ConsonanceDeliveryDate] = [], licensedRights: [ConsonanceLicensedRight] = []) {
        self.id = id
        self.contractName = contractName
        self.deliveryDates = deliveryDates
        self.licensedRights = licensedRights
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        contractName = c.lenientString(AnyKey("contractName"))
        description = c.lenientString(AnyKey("description"))
        let client = c.lenientJSON(AnyKey("client"))
        clientName = client?["name"]?.stringValue
        clientID = client?["id"]?.int64Value.map(Int.init)
        let work = c.lenientJSON(AnyKey("work"))
        workID = work?["id"]?.int64Value.map(Int.init)
        workTitle = work?["title"]?.stringValue
        signedDate = c.lenientCalendarDate(AnyKey("signedDate"))
        term = c.lenientInt(AnyKey("term"))
        terminatedDate = c.lenientCalendarDate(AnyKey("terminatedDate"))
        terminationReason = c.lenientString(AnyKey("terminationReason"))
        reviewDate = c.lenientCalendarDate(AnyKey("reviewDate"))
        copyrightYear = c.lenientInt(AnyKey("copyrightYear"))
        msDeliveryDate = c.lenientCalendarDate(AnyKey("msDeliveryDate"))
        revisedMsDeliveryDate = c.lenientCalendarDate(AnyKey("revisedMsDeliveryDate"))
        actualMsDeliveryDate = c.lenientCalendarDate(AnyKey("actualMsDeliveryDate"))
        msProofsDate = c.lenientCalendarDate(AnyKey("msProofsDate"))
        pubBeforeDate = c.lenientCalendarDate(AnyKey("pubBeforeDate"))
        deliveryDates = c.lossyList(ConsonanceDeliveryDate.self, AnyKey("deliveryDates"))
        licensedRights = c.lossyList(ConsonanceLicensedRight.self, AnyKey("licensedRights"))
        freeCopies = c.lenientInt(AnyKey("freeCopies"))
        freeCopiesUsed = c.lenientInt(AnyKey("freeCopiesUsed"))
        flatFeeValue = c.lenientDecimal(AnyKey("flatFeeValue"))
        guaranteedRoyaltyValue = c.lenientDecimal(AnyKey("guaranteedRoyaltyValue"))
        authorDiscount = c.lenientDecimal(AnyKey("authorDiscount"))
        remainderRate = c.lenientDecimal(AnyKey("remainderRate"))
    }

    /// The manuscript date that currently applies: actual, else revised, else the original.
    public var effectiveMsDeliveryDate: CalendarDate? { actualMsDeliveryDate ?? revisedMsDeliveryDate ?? msDeliveryDate }
}
