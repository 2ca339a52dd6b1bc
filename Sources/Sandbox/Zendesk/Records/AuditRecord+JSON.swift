extension AuditRecord {
    /// The `audit` member of a ticket create/update response.
    func writeResponseAudit(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("ticket_id", ticketID)
        writer.timestampField("created_at", createdAt)
        writer.field("author_id", authorID)
        writer.objectField("metadata") { metadata in
            CommentRecord.writeSystemMetadata(via: via, to: &metadata)
            metadata.key("custom")
            JSONValue.object(customMetadata).write(to: &metadata)
        }
        writer.key("via")
        via.write(to: &writer)
        writer.arrayField("events") { events in
            for event in self.events {
                switch event {
                case .comment(let comment):
                    comment.writeAuditEvent(to: &events)
                case .create(let eventID, let field, let value):
                    events.beginObject()
                    events.field("id", eventID)
                    events.field("type", "Create")
                    events.key("value")
                    value.write(to: &events)
                    events.field("field_name", field)
                    events.endObject()
                case .change(let eventID, let field, let value, let previous):
                    events.beginObject()
                    events.field("id", eventID)
                    events.field("type", "Change")
                    events.key("value")
                    value.write(to: &events)
                    events.field("field_name", field)
                    events.key("previous_value")
                    previous.write(to: &events)
                    events.endObject()
                }
            }
        }
        writer.endObject()
    }

    /// One item of `GET /incremental/ticket_events` (reference §5.9). With `includeComments` the comment child
    /// events carry the comment itself and an object `via`; otherwise a minimal marker with a string `via`.
    func writeTicketEvent(to writer: inout JSONWriter, includeComments: Bool) {
        writer.beginObject()
        writer.arrayField("child_events") { children in
            for event in events {
                writeChildEvent(event, to: &children, includeComments: includeComments)
            }
        }
        writer.field("id", id)
        writer.field("ticket_id", ticketID)
        writer.field("timestamp", createdAt)
        writer.timestampField("created_at", createdAt)
        writer.field("updater_id", authorID)
        writer.field("via", via.eventText)
        writer.objectField("system") { system in
            system.field("client", via == .email ? nil : "Switchboard Sandbox")
            system.field("location", via == .email ? nil : "Example City, Example Country")
            system.key("latitude")
            if via == .email { system.null() } else { system.double(0) }
            system.key("longitude")
            if via == .email { system.null() } else { system.double(0) }
        }
        writer.field("event_type", "Audit")
        writer.endObject()
    }

    private func writeChildEvent(_ event: AuditEvent, to writer: inout JSONWriter, includeComments: Bool) {
        writer.beginObject()
        switch event {
        case .comment(let comment) where includeComments:
            writer.field("id", comment.id)
            writer.key("via")
            comment.via.write(to: &writer)
            writer.nullField("via_reference_id")
            writer.field("type", "Comment")
            writer.field("author_id", comment.authorID)
            writer.field("body", comment.body)
            writer.field("html_body", comment.htmlBody)
            writer.field("public", comment.isPublic)
            writer.emptyArrayField("attachments")
            writer.field("audit_id", comment.auditID)
            writer.timestampField("created_at", comment.createdAt)
            writer.field("event_type", "Comment")
        case .comment(let comment):
            writer.field("id", comment.id)
            writer.field("via", via.eventText)
            writer.nullField("via_reference_id")
            writer.field("comment_present", true)
            writer.field("comment_public", comment.isPublic)
            writer.field("event_type", "Comment")
        case .create(let eventID, let field, let value):
            writer.field("id", eventID)
            writer.field("via", via.eventText)
            writer.nullField("via_reference_id")
            writer.key(field)
            value.write(to: &writer)
            writer.field("event_type", "Create")
        case .change(let eventID, let field, let value, let previous):
            writer.field("id", eventID)
            writer.field("via", via.eventText)
            writer.nullField("via_reference_id")
            writer.key(field)
            value.write(to: &writer)
            writer.key("previous_value")
            previous.write(to: &writer)
            if field == "tags" {
                let now = (value.arrayValue ?? []).compactMap(\.stringValue)
                let before = (previous.arrayValue ?? []).compactMap(\.stringValue)
                writer.field("added_tags", strings: now.filter { !before.contains($0) })
                writer.field("removed_tags", strings: before.filter { !now.contains($0) })
            }
            writer.field("event_type", "Change")
        }
        writer.endObject()
    }
}
