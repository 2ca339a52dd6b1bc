import Foundation

extension Recipes {
    /// Unified profiles → Zendesk users (issue 6 B.3): a profile change made by another source (the contacts
    /// directory, WhatsApp, Consonance, the admin API) that Zendesk users can hold is written to the profile's
    /// Zendesk users; the mirror's copy of that update is recognised as an echo and never pushed back.
    static let profileZendeskSync = Recipe(
        name: "profile-zendesk-sync", seed: "People profiles (seed 004)", title: "Profile changes update Zendesk users",
        summary: "When a profile's name, phone, locale or time zone changes because of a source other than Zendesk (and that source may write the field), the profile's Zendesk users are updated with PUT /users/{id}. Zendesk user changes flow into profiles through the mirror; Switchboard's own updates coming back are recognised and never echoed. Each Zendesk connection can turn it off (profile_sync).",
        settings: [
            .init(name: "max_attempts", defaultValue: "8", summary: "Attempts of one update before it becomes a dead letter."),
            .init(name: "backoff", defaultValue: "5s", summary: "First retry delay, doubled each attempt."),
            .init(name: "max_delay", defaultValue: "10m", summary: "Longest retry delay (Zendesk allows 5 updates of one user per minute)."),
        ],
        flows: [("profile-zendesk-sync", """
            name: profile-zendesk-sync
            description: Write profile changes made by other sources to the profile's Zendesk users (recipe profile-zendesk-sync)
            trigger:
              switchboard:
                events: [profile.changed]
            actions:
              - id: update_user
                action: zendesk.update_user_from_profile
                with:
                  profile_id: "{{profile.id}}"
                  user_id: "{{profile.zendesk_user_id}}"
                  fields: "{{profile.fields}}"
                  connection: "{{profile.connection}}"
                retry: { max_attempts: ${max_attempts}, backoff: ${backoff}, max_delay: ${max_delay} }
            """)])
}
