import ConnectorKit
import Foundation

/// One contributor's part in a work: who, in which role, in what order, and on which of the work's products.
///
/// Contributions drive author notifications and the "contributors changed" signal, so the contributor's
/// emails and phones are selected with them.
public struct ConsonanceContribution: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    /// Order of the contributor in the credits (1 = first).
    public var sequenceNumber: Int?
    /// ONIX List 17 contributor role (`A01` author, `B01` editor, …).
    public var roleCode: String?
    public var contributor: ConsonanceContact?
    /// The work's products this contribution applies to.
    public var productIDs: [Int]
    public var workID: Int?

    public init(id: Int, sequenceNumber: Int?, roleCode: String?, contributor: ConsonanceContact?, productIDs: [Int] = [], workID: Int? = nil) {
        self.id = id
        self.sequenceNumber = sequenceNumber
        self.roleCode = roleCode
        self.contributor = contributor
        self.productIDs = productIDs
        self.workID = workID
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        sequenceNumber = c.lenientInt(AnyKey("sequenceNumber"))
        roleCode = c.lenientCode(AnyKey("onixContributorRoleCode"))
        contributor = c.lenientObject(ConsonanceContact.self, AnyKey("contributor"))
        productIDs = c.lenientInts(AnyKey("productIds"))
        workID = c.lenientInt(AnyKey("workId"))
    }
}
