extension TicketRecord {
    /// Writes the ticket object in Zendesk's field order; search results add `result_type`.
    func write(to writer: inout JSONWriter, links: ZendeskLinks, resultType: String? = nil) {
        writer.beginObject()
        writer.field("url", links.ticket(id))
        writer.field("id", id)
        writer.field("external_id", externalID)
        writer.key("via")
        via.write(to: &writer)
        writer.timestampField("created_at", createdAt)
        writer.timestampField("updated_at", updatedAt)
        writer.field("generated_timestamp", updatedAt)
        writer.field("type", type)
        writer.field("subject", subject)
        writer.field("raw_subject", subject)
        writer.field("description", description)
        writer.field("priority", priority)
        writer.field("status", status)
        writer.field("recipient", recipient)
        writer.field("requester_id", requesterID)
        writer.field("submitter_id", submitterID)
        writer.field("assignee_id", assigneeID)
        writer.field("organization_id", organizationID)
        writer.field("group_id", groupID)
        writer.field("collaborator_ids", ids: collaboratorIDs)
        writer.field("follower_ids", ids: followerIDs)
        writer.emptyArrayField("email_cc_ids")
        writer.nullField("forum_topic_id")
        writer.nullField("problem_id")
        writer.field("has_incidents", false)
        writer.field("is_public", isPublic)
        writer.timestampField("due_at", dueAt)
        writer.field("tags", strings: tags)
        writeCustomFields(named: "custom_fields", to: &writer)
        writer.key("satisfaction_rating")
        if let satisfaction {
            writer.beginObject()
            if let ratingID = satisfaction.id { writer.field("id", ratingID) }
            writer.field("score", satisfaction.score)
            if let comment = satisfaction.comment { writer.field("comment", comment) }
            writer.endObject()
        } else {
            writer.null()
        }
        writer.emptyArrayField("sharing_agreement_ids")
        writer.field("custom_status_id", customStatusID)
        writer.field("encoded_id", encodedID)
        writeCustomFields(named: "fields", to: &writer)
        writer.emptyArrayField("followup_ids")
        writer.field("ticket_form_id", ticketFormID)
        writer.field("brand_id", brandID)
        writer.field("allow_channelback", false)
        writer.field("allow_attachments", true)
        writer.field("from_messaging_channel", false)
        if let resultType { writer.field("result_type", resultType) }
        writer.endObject()
    }

    private func writeCustomFields(named name: StaticString, to writer: inout JSONWriter) {
        writer.arrayField(name) { array in
            for field in customFields {
                array.beginObject()
                array.field("id", field.id)
                array.key("value")
                field.value.write(to: &array)
                array.endObject()
            }
        }
    }
}
