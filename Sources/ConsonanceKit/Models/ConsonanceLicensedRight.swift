import ConnectorKit
import Foundation

/// A right the publisher acquired in a head contract, with the author's share.
///
/// Sub-licensing deals are not in the API; these are what a rights deal recorded elsewhere can be checked against.
public struct ConsonanceLicensedRight: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var rightType: String?
    /// The author's percentage.
    public var authorCut: Decimal?

    public init(id: Int, rightType: String?, authorCut: Decimal?) {
        self.id = id
        self.rightType = rightType
        self.authorCut = authorCut
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        rightType = c.lenientString(AnyKey("rightType"))
        authorCut = c.lenientDecimal(AnyKey("authorCut"))
    }
}
