import Foundation
import LooseJSON

/// The product fields `updateProduct` can change; `nil` leaves a field as it is.
///
/// Mirrors `UpdateProductInput` (title, subtitle, prefix, references and the two publication dates), so that a
/// caller cannot ask for a change the API does not accept.
public struct ConsonanceProductUpdate: Sendable, Hashable {
    public var title: String?
    public var subtitle: String?
    /// Title prefix ("The", "A").
    public var prefix: String?
    public var publishersReference: String?
    public var internalReference: String?
    public var publicationDate: CalendarDate?
    public var plannedPublicationDate: CalendarDate?
    /// Echoed back by Relay-style payloads; optional.
    public var clientMutationID: String?

    public init(title: String? = nil, subtitle: String? = nil, prefix: String? = nil, publishersReference: String? = nil, internalReference: String? = nil,
                publicationDate: CalendarDate? = nil, plannedPublicationDate: CalendarDate? = nil, clientMutationID: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.prefix = prefix
        self.publishersReference = publishersReference
        self.internalReference = internalReference
        self.publicationDate = publicationDate
        self.plannedPublicationDate = plannedPublicationDate
        self.clientMutationID = clientMutationID
    }

    func input(id: Int) -> [String: JSONValue] {
        var fields = InputFields()
        fields.set("id", id)
        fields.set("clientMutationId", clientMutationID)
        fields.set("title", title)
        fields.set("subtitle", subtitle)
        fields.set("prefix", prefix)
        fields.set("publishersReference", publishersReference)
        fields.set("internalReference", internalReference)
        fields.set("publicationDate", publicationDate)
        fields.set("plannedPublicationDate", plannedPublicationDate)
        return fields.values
    }
}
