import Foundation

/// How flows see the sync of profiles to Zendesk users: the `profile.changed` event (fields of a profile with a
/// Zendesk identity changed because of another source) and the `zendesk.update_user_from_profile` action.
extension ActionCatalog {
    public static let profileSync: [ActionSpec] = [
        ActionSpec(name: "zendesk.update_user_from_profile", summary: "Write a profile's current values of the changed fields (name, phone, locale, time zone) to its Zendesk user with PUT /users/{id}, recording each value sent so its echo from the mirror is recognised; fields whose value now comes from Zendesk, or that Zendesk already holds, are skipped; nothing is sent when the connection's profile sync is off.", parameters: [
            .init("profile_id", .string, required: true, "The profile ({{profile.id}})."),
            .init("user_id", .integer, required: true, "The Zendesk user ({{profile.zendesk_user_id}})."),
            .init("fields", .list(.string), "The profile fields that changed ({{profile.fields}}); default: every field Switchboard pushes."),
            .init("connection", .string, "Zendesk connection name (default: the event's)."),
        ], outputs: .object(["profile_id": .string, "user_id": .integer, "pushed": .list(.string), "skipped": .list(.string), "reason": .optional(.string),
                             "updated_at": .optional(.string)])),
    ]
}

extension EventSchemas {
    /// `profile.changed`: fields of a profile that has a Zendesk identity changed because of another source.
    public static let changedProfile: FieldType = .object([
        "id": .string, "fields": .list(.string), "zendesk_user_id": .integer, "connection": .string, "sources": .list(.string), "history_seq": .integer,
    ])
}

extension FlowTrigger {
    public static let profileSyncEvents = ["profile.changed"]
}
