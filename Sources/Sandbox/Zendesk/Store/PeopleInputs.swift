/// User attributes as sent to `POST /users`, `PUT /users/{id}` or `create_or_update`; `nil` leaves a field alone.
struct UserInput: Sendable, Equatable {
    var name: String?
    var email: FieldUpdate<String> = .keep
    var role: String?
    var phone: FieldUpdate<String> = .keep
    var externalID: FieldUpdate<String> = .keep
    var organizationID: FieldUpdate<Int64> = .keep
    var tags: [String]?
    var details: FieldUpdate<String> = .keep
    var notes: FieldUpdate<String> = .keep
    var suspended: Bool?
    var verified: Bool?
    var timeZone: String?
    var userFields: [String: JSONValue]?

    /// Convenience for the common case of a known e-mail.
    var emailValue: String? {
        get { email.newValue }
        set { email = .set(newValue) }
    }
}

/// Organization attributes as sent to `POST /organizations` or `PUT /organizations/{id}`.
struct OrganizationInput: Sendable, Equatable {
    var name: String?
    var externalID: FieldUpdate<String> = .keep
    var domainNames: [String]?
    var details: FieldUpdate<String> = .keep
    var notes: FieldUpdate<String> = .keep
    var groupID: FieldUpdate<Int64> = .keep
    var tags: [String]?
    var sharedTickets: Bool?
    var sharedComments: Bool?
}
