extension UserRecord {
    /// Writes the user object in Zendesk's field order; `authenticityToken` is added for `GET /users/me`.
    func write(to writer: inout JSONWriter, links: ZendeskLinks, authenticityToken: String? = nil,
               resultType: String? = nil) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("url", links.user(id))
        writer.field("name", name)
        writer.field("email", email)
        writer.timestampField("created_at", createdAt)
        writer.timestampField("updated_at", updatedAt)
        writer.field("time_zone", timeZone)
        writer.field("iana_time_zone", ianaTimeZone)
        writer.field("phone", phone)
        writer.nullField("shared_phone_number")
        writer.nullField("photo")
        writer.field("locale_id", localeID)
        writer.field("locale", locale)
        writer.field("organization_id", organizationID)
        writer.field("role", role)
        writer.field("verified", verified)
        writer.field("external_id", externalID)
        writer.field("tags", strings: tags)
        writer.nullField("alias")
        writer.field("active", active)
        writer.field("shared", false)
        writer.field("shared_agent", false)
        writer.timestampField("last_login_at", lastLoginAt)
        writer.field("two_factor_auth_enabled", isStaff ? false : nil)
        writer.nullField("signature")
        writer.field("details", details)
        writer.field("notes", notes)
        writer.field("role_type", role == "admin" ? 4 : (role == "agent" ? 0 : nil) as Int?)
        writer.field("custom_role_id", isStaff ? DatasetLayout.customRoleID : nil)
        writer.field("moderator", isStaff)
        writer.field("ticket_restriction", isStaff ? nil : "requested")
        writer.field("only_private_comments", false)
        writer.field("restricted_agent", !isStaff)
        writer.field("suspended", suspended)
        if isStaff { writer.field("chat_only", false) }
        writer.field("default_group_id", defaultGroupID)
        writer.field("report_csv", role == "admin")
        writer.key("user_fields")
        JSONValue.object(userFields).write(to: &writer)
        if let authenticityToken { writer.field("authenticity_token", authenticityToken) }
        if let resultType { writer.field("result_type", resultType) }
        writer.endObject()
    }
}
