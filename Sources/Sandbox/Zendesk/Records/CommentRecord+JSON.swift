extension CommentRecord {
    /// The comment as listed by `GET /tickets/{id}/comments`.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writeCoreFields(to: &writer)
        writer.key("via")
        via.write(to: &writer)
        writer.timestampField("created_at", createdAt)
        writer.objectField("metadata") { metadata in
            CommentRecord.writeSystemMetadata(via: via, to: &metadata)
            metadata.emptyObjectField("custom")
        }
        writer.endObject()
    }

    /// The comment as a `Comment` event inside a create/update response's `audit.events`.
    func writeAuditEvent(to writer: inout JSONWriter) {
        writer.beginObject()
        writeCoreFields(to: &writer)
        writer.endObject()
    }

    /// The members every representation of a comment starts with.
    private func writeCoreFields(to writer: inout JSONWriter) {
        writer.field("id", id)
        writer.field("type", "Comment")
        writer.field("author_id", authorID)
        writer.field("body", body)
        writer.field("html_body", htmlBody)
        writer.field("plain_body", body)
        writer.field("public", isPublic)
        writer.emptyArrayField("attachments")
        writer.field("audit_id", auditID)
    }

    /// `metadata.system` members, shaped like Zendesk's (documentation addresses only).
    static func writeSystemMetadata(via: ViaChannel, to writer: inout JSONWriter) {
        writer.objectField("system") { system in
            switch via {
            case .email:
                system.field("message_id", "<sandbox@mail.example>")
                system.field("raw_email_identifier", "sandbox/raw.eml")
            case .web, .api:
                system.field("client", via == .api ? "Switchboard Sandbox" : "Mozilla/5.0 (Sandbox)")
                system.field("ip_address", "192.0.2.10")
                system.field("location", "Example City, Example Country")
                system.key("latitude")
                system.double(0)
                system.key("longitude")
                system.double(0)
            }
        }
    }
}
