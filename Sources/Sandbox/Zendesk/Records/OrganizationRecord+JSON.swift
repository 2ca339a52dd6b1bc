extension OrganizationRecord {
    /// Writes the organization; `includeDeletedAt` adds the export-only `deleted_at` member.
    func write(to writer: inout JSONWriter, links: ZendeskLinks, includeDeletedAt: Bool = false,
               resultType: String? = nil) {
        writer.beginObject()
        writer.field("url", links.organization(id))
        writer.field("id", id)
        writer.field("name", name)
        writer.field("shared_tickets", sharedTickets)
        writer.field("shared_comments", sharedComments)
        writer.field("external_id", externalID)
        writer.timestampField("created_at", createdAt)
        writer.timestampField("updated_at", updatedAt)
        writer.field("domain_names", strings: domainNames)
        writer.field("details", details)
        writer.field("notes", notes)
        writer.field("group_id", groupID)
        writer.field("tags", strings: tags)
        writer.emptyObjectField("organization_fields")
        if includeDeletedAt { writer.timestampField("deleted_at", deletedAt) }
        if let resultType { writer.field("result_type", resultType) }
        writer.endObject()
    }
}
