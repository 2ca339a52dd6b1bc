import LooseJSON

/// The WhatsApp user a `messages` change is about (`value.contacts[]`): their WhatsApp id and profile name.
///
/// Kept beside the messages because the profile name is the only name Meta gives for the sender; newer payloads add
/// business-scoped user ids (`user_id`, `parent_user_id`).
public struct WhatsAppContact: Sendable, Hashable {
    public var waID: String?
    public var profileName: String?
    public var userID: String?
    public var parentUserID: String?

    public init(waID: String?, profileName: String? = nil, userID: String? = nil, parentUserID: String? = nil) {
        self.waID = waID
        self.profileName = profileName
        self.userID = userID
        self.parentUserID = parentUserID
    }

    init(json: JSONValue) throws {
        guard json.isObject else { throw ItemProblem(reason: "contact is not an object") }
        self.init(waID: json.string("wa_id"), profileName: json["profile"]?.string("name"), userID: json.string("user_id"), parentUserID: json.string("parent_user_id"))
    }
}
