/// Turns `{"ticket":{…}}` request bodies into ticket inputs, with Zendesk's 422 for values of the wrong type.
enum TicketBodyParsing {
    static func newTicket(_ object: JSONValue) -> Result<NewTicketInput, APIResponseError> {
        var input = NewTicketInput()
        var errors: [FieldError] = []
        input.subject = object["subject"]?.stringValue
        if let comment = object["comment"] {
            switch self.comment(comment) {
            case .success(let parsed): input.comment = parsed
            case .failure(let error): errors.append(error)
            }
        }
        input.requesterID = object["requester_id"]?.int64Value
        if let requester = object["requester"] {
            input.requesterName = requester["name"]?.stringValue
            input.requesterEmail = requester["email"]?.stringValue
        }
        input.assigneeID = object["assignee_id"]?.int64Value
        input.groupID = object["group_id"]?.int64Value
        input.status = object["status"]?.stringValue
        input.priority = object["priority"]?.stringValue
        input.type = object["type"]?.stringValue
        input.externalID = object["external_id"]?.stringValue
        if let tags = object["tags"] {
            if let list = stringList(tags) { input.tags = list } else { errors.append(invalid("tags")) }
        }
        if let fields = object["custom_fields"] ?? object["fields"] {
            if let parsed = customFields(fields) { input.customFields = parsed } else { errors.append(invalid("custom_fields")) }
        }
        input.customMetadata = customMetadata(object["metadata"])
        return errors.isEmpty ? .success(input) : .failure(APIResponseError(ZendeskErrors.recordInvalid(errors)))
    }

    static func changes(_ object: JSONValue) -> Result<TicketChanges, APIResponseError> {
        var changes = TicketChanges()
        var errors: [FieldError] = []
        changes.subject = object["subject"]?.stringValue
        changes.status = object["status"]?.stringValue
        changes.priority = textUpdate(object["priority"])
        changes.type = textUpdate(object["type"])
        changes.assigneeID = idUpdate(object["assignee_id"])
        changes.groupID = idUpdate(object["group_id"])
        changes.externalID = textUpdate(object["external_id"])
        if let comment = object["comment"] {
            switch self.comment(comment) {
            case .success(let parsed): changes.comment = parsed
            case .failure(let error): errors.append(error)
            }
        }
        var tagEdits: [TagEdit] = []
        for (member, edit) in [("tags", TagEdit.replace), ("additional_tags", TagEdit.add), ("remove_tags", TagEdit.remove)] {
            guard let tags = object[member] else { continue }
            if let list = stringList(tags) { tagEdits.append(edit(list)) } else { errors.append(invalid(member)) }
        }
        changes.tags = tagEdits.count > 1 ? .combined(tagEdits) : tagEdits.first
        if let fields = object["custom_fields"] ?? object["fields"] {
            if let parsed = customFields(fields) { changes.customFields = parsed } else { errors.append(invalid("custom_fields")) }
        }
        changes.customMetadata = customMetadata(object["metadata"])
        switch safeUpdateStamp(object) {
        case .success(let stamp): changes.safeUpdateStamp = stamp
        case .failure(let error): errors.append(error)
        }
        return errors.isEmpty ? .success(changes) : .failure(APIResponseError(ZendeskErrors.recordInvalid(errors)))
    }

    /// `metadata` as the audit's `metadata.custom`: `{"custom":{…}}` is unwrapped, any other object kept whole
    /// (Zendesk's documentation sends custom keys directly under `metadata`).
    static func customMetadata(_ value: JSONValue?) -> [String: JSONValue]? {
        guard let members = value?.objectValue else { return nil }
        if members.count == 1, let custom = members["custom"]?.objectValue { return custom }
        return members
    }

    /// The `updated_stamp` to check when `safe_update` is true (as a boolean or `"true"`), else `nil`.
    static func safeUpdateStamp(_ object: JSONValue) -> Result<Int64?, FieldError> {
        guard object["safe_update"]?.boolValue == true else { return .success(nil) }
        guard let text = object["updated_stamp"]?.stringValue, let stamp = TimestampParsing.seconds(text) else {
            return .failure(FieldError(field: "updated_stamp",
                                       description: "Updated stamp: is required for a safe update and must be a timestamp",
                                       error: "InvalidValue"))
        }
        return .success(stamp)
    }

    private static func comment(_ value: JSONValue) -> Result<CommentInput, FieldError> {
        guard value.objectValue != nil else { return .failure(invalid("comment")) }
        var comment = CommentInput()
        comment.body = value["body"]?.stringValue
        comment.htmlBody = value["html_body"]?.stringValue
        comment.isPublic = value["public"]?.boolValue ?? true
        comment.authorID = value["author_id"]?.int64Value
        return .success(comment)
    }

    /// `null` → set to null, a string → set, absent → keep.
    static func textUpdate(_ value: JSONValue?) -> FieldUpdate<String> {
        guard let value else { return .keep }
        return value.isNull ? .set(nil) : (value.stringValue.map { .set($0) } ?? .keep)
    }

    static func idUpdate(_ value: JSONValue?) -> FieldUpdate<Int64> {
        guard let value else { return .keep }
        return value.isNull ? .set(nil) : (value.int64Value.map { .set($0) } ?? .keep)
    }

    static func stringList(_ value: JSONValue) -> [String]? {
        if let text = value.stringValue { return [text] }
        guard let values = value.arrayValue else { return nil }
        let strings = values.compactMap(\.stringValue)
        return strings.count == values.count ? strings : nil
    }

    private static func customFields(_ value: JSONValue) -> [CustomFieldValue]? {
        guard let entries = value.arrayValue else { return nil }
        var fields: [CustomFieldValue] = []
        for entry in entries {
            guard let id = entry["id"]?.int64Value else { return nil }
            fields.append(CustomFieldValue(id: id, value: entry["value"] ?? .null))
        }
        return fields
    }

    private static func invalid(_ field: String) -> FieldError {
        FieldError(field: field, description: "\(field.prefix(1).uppercased() + field.dropFirst()): is invalid",
                   error: "InvalidValue")
    }
}
