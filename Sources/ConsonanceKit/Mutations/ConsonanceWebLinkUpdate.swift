import Foundation
import LooseJSON

/// The web link fields `updateWebLink` can change; `nil` leaves a field as it is.
///
/// Mirrors `UpdateWebLinkInput`. ``role`` is an ONIX List 73 code as ONIX writes it (`"01"`); it is sent as the
/// API's enum value (`_01`).
public struct ConsonanceWebLinkUpdate: Sendable, Hashable {
    public var link: String?
    public var role: String?
    public var note: String?
    public var includeInOnix: Bool?
    public var clientMutationID: String?

    public init(link: String? = nil, role: String? = nil, note: String? = nil, includeInOnix: Bool? = nil, clientMutationID: String? = nil) {
        self.link = link
        self.role = role
        self.note = note
        self.includeInOnix = includeInOnix
        self.clientMutationID = clientMutationID
    }

    func input(id: Int) -> [String: JSONValue] {
        var fields = InputFields()
        fields.set("id", id)
        fields.set("clientMutationId", clientMutationID)
        fields.set("link", link)
        fields.set(code: "role", role)
        fields.set("note", note)
        fields.set("includeInOnix", includeInOnix)
        return fields.values
    }
}
