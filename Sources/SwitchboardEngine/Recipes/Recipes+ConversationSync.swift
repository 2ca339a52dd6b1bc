import Foundation

extension Recipes {
    /// Conversations → Zendesk tickets (seed 003): every change to a conversation (a message, tags, team, status,
    /// association, channel settings) brings its ticket up to date by the channel's rules; and the way back for
    /// WhatsApp (issue 6 A.11): agents' public replies in Zendesk and advisors' replies through the API are sent to the
    /// contact, inside the 24-hour window or as the channel's reply_template.
    static let conversationSync = Recipe(
        name: "conversation-sync", seed: "Conversations → Zendesk (seed 003)", title: "Conversations become Zendesk tickets",
        summary: "Conversations from WhatsApp and the signed inbound API (Instagram, Facebook, X, web chat…) are synchronised into Zendesk tickets by each channel's mode: after association and a human reply (mode 1), or once routed to a team (mode 2). New messages, tags and closing follow by themselves; the reason a conversation waits or is blocked is shown by the API and CLI. Agents' public replies on WhatsApp conversations' tickets (and advisors' replies through the API) are sent to the contact on WhatsApp within the 24-hour window, else as the channel's reply_template, else an internal note says why not.",
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
            """), ("conversation-sync-replies", """
            name: conversation-sync-replies
            description: An agent's public reply on a WhatsApp conversation's ticket goes to the contact on WhatsApp (recipe conversation-sync)
            trigger:
              zendesk.webhook:
                events: [ticket.comment_added]
            when:
              - { field: ticket.external_id, matches: "^switchboard-conversation:" }
              - { field: comment.public, equals: true }
            actions:
              - id: reply
                action: whatsapp.send_ticket_reply
                with:
                  ticket_id: "{{ticket.id}}"
                  comment_id: "{{comment.id}}"
                  body: "{{comment.body}}"
                  public: "{{comment.public}}"
                  author_id: "{{comment.author_id}}"
                  author_name: "{{comment.author_name}}"
                  author_is_staff: "{{comment.author_is_staff}}"
                  requester_id: "{{ticket.requester_id}}"
                retry: { max_attempts: ${max_attempts}, backoff: ${backoff}, max_delay: ${max_delay} }
            """), ("conversation-sync-replies-mirror", """
            name: conversation-sync-replies-mirror
            description: The same for comments the Zendesk mirror sees, should a webhook be lost; each comment is sent once (recipe conversation-sync)
            trigger:
              zendesk.mirror:
                events: [comment.added]
            when:
              - { field: ticket.external_id, matches: "^switchboard-conversation:" }
              - { field: comment.public, equals: true }
            actions:
              - id: reply
                action: whatsapp.send_ticket_reply
                with:
                  ticket_id: "{{ticket.id}}"
                  comment_id: "{{comment.id}}"
                  body: "{{comment.body}}"
                  public: "{{comment.public}}"
                  author_id: "{{comment.author_id}}"
                  requester_id: "{{ticket.requester_id}}"
                retry: { max_attempts: ${max_attempts}, backoff: ${backoff}, max_delay: ${max_delay} }
            """), ("conversation-sync-advisor-replies", """
            name: conversation-sync-advisor-replies
            description: An advisor's reply posted through the API on a WhatsApp conversation is sent to the contact (recipe conversation-sync)
            trigger:
              switchboard:
                events: [conversation.replied]
            when:
              - { field: conversation.channel, equals: whatsapp }
            actions:
              - id: reply
                action: whatsapp.send_conversation_reply
                with:
                  conversation_id: "{{conversation.id}}"
                  sequence: "{{conversation.message_sequence}}"
                retry: { max_attempts: ${max_attempts}, backoff: ${backoff}, max_delay: ${max_delay} }
            """)])
}
