/// Applies `{"trigger":{…}}` bodies to triggers, refusing what the sandbox could not carry out faithfully.
enum TriggerInput {
    /// Notification actions that are accepted but have no visible effect in the sandbox.
    static let silentActions: Set<String> = ["notification_user", "notification_group", "notification_target",
                                             "notification_sms_user", "notification_sms_group"]

    /// `object` applied to `trigger`; `webhook` looks up the webhooks `notification_webhook` actions name.
    static func apply(_ object: JSONValue, to trigger: TriggerRecord, isCreation: Bool,
                      webhook: (String) -> WebhookRecord?) -> Result<TriggerRecord, MutationError> {
        var trigger = trigger
        var errors: [FieldError] = []
        if let title = object["title"]?.stringValue, !title.trimmingSpaces().isEmpty {
            trigger.title = title
        } else if isCreation || object["title"] != nil {
            errors.append(FieldError(field: "title", description: "Title: cannot be blank", error: "BlankValue"))
        }
        if let active = object["active"]?.boolValue { trigger.active = active }
        if let position = object["position"]?.int64Value { trigger.position = Int(position) }
        if let description = object["description"] { trigger.description = description.stringValue }
        if let conditions = object["conditions"] {
            var lists: [[TriggerCondition]] = [[], []]
            for (index, name) in ["all", "any"].enumerated() {
                for item in conditions[name]?.arrayValue ?? [] {
                    switch TriggerCondition.parse(item) {
                    case .success(let condition): lists[index].append(condition)
                    case .failure(let error): errors.append(error)
                    }
                }
            }
            (trigger.all, trigger.any) = (lists[0], lists[1])
        }
        if trigger.all.isEmpty && trigger.any.isEmpty {
            errors.append(FieldError(field: "conditions", description: "Conditions: cannot be blank", error: "BlankValue"))
        }
        if let actions = object["actions"] ?? (isCreation ? JSONValue.null : nil) {
            switch RuleAction.list(actions) {
            case .success(let list):
                trigger.actions = list
                errors += list.compactMap { actionError($0, webhook: webhook) }
            case .failure(let error):
                errors.append(error)
            }
        }
        return errors.isEmpty ? .success(trigger) : .failure(.invalid(errors))
    }

    private static func actionError(_ action: RuleAction, webhook: (String) -> WebhookRecord?) -> FieldError? {
        func invalid(_ text: String) -> FieldError {
            FieldError(field: "actions", description: "Actions: \(text)", error: "InvalidValue")
        }
        if silentActions.contains(action.field) { return nil }
        guard action.field == "notification_webhook" else {
            return invalid("the sandbox does not support the action \(action.field)")
        }
        guard let values = action.value.arrayValue, values.count >= 2, let id = values[0].stringValue,
              values[1].stringValue != nil else {
            return invalid("notification_webhook needs [webhook id, body]")
        }
        guard let target = webhook(id) else { return invalid("webhook \(id) does not exist") }
        guard target.isConditional else {
            return invalid("webhook \(id) is subscribed to events and cannot be used by a trigger")
        }
        return nil
    }
}
