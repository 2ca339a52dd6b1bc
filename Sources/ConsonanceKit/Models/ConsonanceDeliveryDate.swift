import ConnectorKit
import Foundation

/// One deliverable due under a contract (a manuscript part, illustrations, an index), with its due and slipped dates.
///
/// Delivery dates are milestones Consonance exposes through the API, so "approaching", "passed" and "slipped"
/// reminders are built on them.
public struct ConsonanceDeliveryDate: Sendable, Hashable, Decodable, Identifiable {
    public var id: Int
    public var dateDue: CalendarDate?
    /// Set when the delivery has slipped; the new expected date.
    public var slippedDate: CalendarDate?
    public var deliverableType: String?
    public var deliveryRequirement: String?
    public var percentageOfTotal: Decimal?

    public init(id: Int, dateDue: CalendarDate?, slippedDate: CalendarDate? = nil, deliverableType: String? = nil, deliveryRequirement: String? = nil, percentageOfTotal: Decimal? = nil) {
        self.id = id
        self.dateDue = dateDue
        self.slippedDate = slippedDate
        self.deliverableType = deliverableType
        self.deliveryRequirement = deliveryRequirement
        self.percentageOfTotal = percentageOfTotal
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = try c.requiredID(AnyKey("id"))
        dateDue = c.lenientCalendarDate(AnyKey("dateDue"))
        slippedDate = c.lenientCalendarDate(AnyKey("slippedDate"))
        deliverableType = c.lenientString(AnyKey("deliverableType"))
        deliveryRequirement = c.lenientString(AnyKey("deliveryRequirement"))
        percentageOfTotal = c.lenientDecimal(AnyKey("percentageOfTotal"))
    }

    /// The date the delivery is now expected: the slipped date if any, otherwise the due date.
    public var expectedDate: CalendarDate? { slippedDate ?? dateDue }
}
