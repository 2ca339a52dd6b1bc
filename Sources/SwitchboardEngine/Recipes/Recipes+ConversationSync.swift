import Foundation

extension Recipes {
    /// Conversations → Zendesk tickets (seed 003): every change to a conversation (a message, tags, team, status,
    /// association, channel settings) brings its ticket up to date by the channel's rules.
    static let conversationSync = Recipe(
        name: "conversation-sync", seed: "Conversations → Zendesk (seed 003)", title: "Conversations become Zendesk tickets",
        summary: "Conversations from WhatsApp and the signed inbound API (Instagram, Facebook, X, web chat…) are synchronised into Zendesk tickets by each channel's mode: after association and a human reply (mode 1), or once routed to a team (mode 2). New messages, tags and closing follow by themselves; the reason a conversation waits or is blocked is shown by the API and CLI.",
        settings: [
            .init(name: "max_attempts", defaultValue: "10", summary: "Attempts of one sync before it becomes a dead letter (each attempt resumes where the last stopped)."),
            .init(name: "backoff", defaultValue: "2s", summary: "First retry delay, doubled each attempt."),
            .init(name: "max_delay", defaultValue: "5m", summary: "Longest retry delay."),
        ],
        flows: [("conversation-sync", """
            name: conversation-sync
            description: Keep each conversation's Zendesk ticket up to date (recipe conversation-sync)
            trigger:
              switchboard:
                events: [conversation.changed]
            actions:
              - id: sync
                action: zendesk.sync_conversation
                with:
                  conversation_id: "{{conversation.id}}"
                retry: { max_attempts: ${max_attempts}, backoff: ${backoff}, max_delay: ${max_delay} }
            """)])
}
