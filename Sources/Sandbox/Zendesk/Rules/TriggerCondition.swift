/// One trigger condition `{"field","operator","value"}` from the subset the sandbox evaluates (reference §9).
///
/// Supported: `update_type` (`Create`/`Change`); `status` and `priority` (`is`, `is_not`, `less_than`,
/// `greater_than` on Zendesk's order, plus `changed`, `not_changed`, `value`, `value_previous`, `not_value`,
/// `not_value_previous`); `type` (same, without ordering); `current_tags` (`includes`, `not_includes`, space-separated);
/// `ticket_is_public` (`public`/`private`); `comment_is_public` (`true`/`false`/`not_relevant`); and `assignee_id`,
/// `group_id`, `requester_id`, `organization_id` (`is`, `is_not`, `changed`, `not_changed`; `""` means none).
struct TriggerCondition: Sendable, Equatable {
    var field: String
    var `operator`: String
    /// As sent, echoed back unchanged.
    var value: JSONValue

    private static let changeOperators = ["changed", "not_changed", "value", "value_previous", "not_value",
                                          "not_value_previous"]
    private static let idFields = ["assignee_id", "group_id", "requester_id", "organization_id"]

    /// Operators the sandbox understands for each field.
    static let operators: [String: [String]] = {
        var table: [String: [String]] = [
            "update_type": ["is"],
            "status": ["is", "is_not", "less_than", "greater_than"] + changeOperators,
            "priority": ["is", "is_not", "less_than", "greater_than"] + changeOperators,
            "type": ["is", "is_not"] + changeOperators,
            "current_tags": ["includes", "not_includes"],
            "ticket_is_public": ["is"],
            "comment_is_public": ["is"],
        ]
        for field in idFields { table[field] = ["is", "is_not", "changed", "not_changed"] }
        return table
    }()

    /// Parses one condition, or explains why the sandbox cannot evaluate it.
    static func parse(_ object: JSONValue) -> Result<TriggerCondition, FieldError> {
        guard let field = object["field"]?.stringValue, let op = object["operator"]?.stringValue else {
            return .failure(invalid("each condition needs a field and an operator"))
        }
        guard let allowed = operators[field] else {
            return .failure(invalid("the sandbox does not support the condition field \(field)"))
        }
        guard allowed.contains(op) else {
            return .failure(invalid("the sandbox does not support the operator \(op) for \(field)"))
        }
        let condition = TriggerCondition(field: field, operator: op, value: object["value"] ?? .null)
        let text = condition.text
        let valid: Bool
        switch field {
        case "update_type": valid = ["create", "change"].contains(text.lowercased())
        case "status": valid = ["changed", "not_changed"].contains(op) || TicketRecord.statuses.contains(text)
        case "priority": valid = ["changed", "not_changed"].contains(op) || text.isEmpty
            || TicketRecord.priorities.contains(text)
        case "type": valid = ["changed", "not_changed"].contains(op) || text.isEmpty || TicketRecord.types.contains(text)
        case "ticket_is_public": valid = ["public", "private"].contains(text)
        case "comment_is_public": valid = ["true", "false", "not_relevant"].contains(text)
        default: valid = true
        }
        return valid ? .success(condition) : .failure(invalid("\(text) is not a valid value for \(field)"))
    }

    /// The value as text (numbers such as ids are accepted too).
    var text: String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .bool(let flag): return String(flag)
        default: return ""
        }
    }

    /// Whether the condition holds for a ticket change.
    func holds(for change: TicketChange) -> Bool {
        let ticket = change.after
        let before = change.before
        switch field {
        case "update_type":
            return text.lowercased() == (change.kind == .created ? "create" : "change")
        case "status":
            return compare(ticket.status, before?.status, order: TicketRecord.statuses)
        case "priority":
            return compare(ticket.priority, before?.priority, order: TicketRecord.priorities)
        case "type":
            return compare(ticket.type, before?.type, order: nil)
        case "current_tags":
            let wanted = TagEdit.normalize([text])
            let present = wanted.contains { ticket.tags.contains($0) }
            return `operator` == "includes" ? present : !present
        case "ticket_is_public":
            return ticket.isPublic == (text == "public")
        case "comment_is_public":
            let comment = change.audit.events.lazy.compactMap { event -> CommentRecord? in
                if case .comment(let comment) = event { return comment }
                return nil
            }.first
            switch text {
            case "true": return comment?.isPublic == true
            case "false": return comment.map { !$0.isPublic } ?? false
            default: return true
            }
        default:
            let ids: (Int64?, Int64?)
            switch field {
            case "assignee_id": ids = (ticket.assigneeID, before?.assigneeID)
            case "group_id": ids = (ticket.groupID, before?.groupID)
            case "requester_id": ids = (ticket.requesterID, before?.requesterID)
            default: ids = (ticket.organizationID, before?.organizationID)
            }
            return compare(ids.0.map { String($0) }, before == nil ? nil : ids.1.map { String($0) }, order: nil)
        }
    }

    /// Applies the operator to the current and previous values (`nil` = none; `previous` is `nil` on creation).
    private func compare(_ current: String?, _ previous: String?, order: [String]?) -> Bool {
        let wanted = text.isEmpty ? nil : text
        let changed = current != previous
        switch `operator` {
        case "is": return current == wanted
        case "is_not": return current != wanted
        case "less_than", "greater_than":
            guard let order, let current, let wanted, let have = order.firstIndex(of: current),
                  let limit = order.firstIndex(of: wanted) else { return false }
            return `operator` == "less_than" ? have < limit : have > limit
        case "changed": return changed
        case "not_changed": return !changed
        case "value": return changed && current == wanted
        case "value_previous": return changed && previous == wanted
        case "not_value": return changed && current != wanted
        case "not_value_previous": return changed && previous != wanted
        default: return false
        }
    }

    private static func invalid(_ text: String) -> FieldError {
        FieldError(field: "conditions", description: "Conditions: \(text)", error: "InvalidValue")
    }
}
