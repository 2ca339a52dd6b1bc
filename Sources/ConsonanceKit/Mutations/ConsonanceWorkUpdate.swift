import Foundation
import LooseJSON

/// The work fields `updateWork` can change; `nil` leaves a field as it is.
///
/// Mirrors `UpdateWorkInput` (title, subtitle, edition statement, publisher's URL).
public struct ConsonanceWorkUpdate: Sendable, Hashable {
    public var title: String?
    public var subtitle: String?
    public var editionStatement: String?
    public var publishersURL: String?
    public var clientMutationID: String?

    public init(title: String? = nil, subtitle: String? = nil, editionStatement: String? = nil, publishersURL: String? = nil, clientMutationID: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.editionStatement = editionStatement
        self.publishersURL = publishersURL
        self.clientMutationID = clientMutationID
    }

    func input(id: Int) -> [String: JSONValue] {
        var fields = InputFields()
        fields.set("id", id)
        fields.set("clientMutationId", clientMutationID)
        fields.set("title", title)
        fields.set("subtitle", subtitle)
        fields.set("editionStatement", editionStatement)
        fields.set("publishersUrl", publishersURL)
        return fields.values
    }
}
