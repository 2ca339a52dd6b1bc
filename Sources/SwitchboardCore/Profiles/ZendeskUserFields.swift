import Foundation

/// Which profile fields Switchboard writes to Zendesk users, and under which key of the `PUT /users/{id}` body.
///
/// Only fields a Zendesk user has as a plain, writable attribute that the mirror also reads back are pushed, so every
/// value Switchboard sends comes back through the mirror and can be recognised as its own echo:
///
/// | profile field | Zendesk user attribute |
/// |---|---|
/// | `name` | `name` |
/// | `phone` | `phone` |
/// | `time_zone` | `time_zone` |
/// | `locale` | `locale` |
///
/// Not pushed, on purpose: `email` (in Zendesk an email is an identity that has to be verified; changing it through
/// `PUT /users` would silently replace the primary identity, so email changes stay in the profile), `external_id`
/// (Zendesk's unique key that integrators own; a collision fails the whole update), `organization` (an organization
/// id, not a name), `first_name`, `last_name`, `job_title` and `notes` (no such plain attribute, or not mirrored).
public enum ZendeskUserFields {
    /// The profile fields pushed to Zendesk users, in ``ProfileField`` order.
    public static let pushed: [ProfileField] = [.name, .phone, .locale, .timeZone]

    /// The attribute of a Zendesk user that holds `field`, or nil when the field is not pushed.
    public static func attribute(_ field: ProfileField) -> String? {
        switch field {
        case .name: return "name"
        case .phone: return "phone"
        case .locale: return "locale"
        case .timeZone: return "time_zone"
        default: return nil
        }
    }

    public static func isPushed(_ field: ProfileField) -> Bool { attribute(field) != nil }
}
