/// One `{"field":…,"value":…}` action of a trigger or macro; `value` may be a string, an array or anything else.
struct RuleAction: Sendable, Equatable {
    var field: String
    var value: JSONValue

    /// The actions of a body, or the 422 detail explaining why they are missing or malformed.
    static func list(_ value: JSONValue?) -> Result<[RuleAction], FieldError> {
        guard let items = value?.arrayValue, !items.isEmpty else {
            return .failure(FieldError(field: "actions", description: "Actions: cannot be blank", error: "BlankValue"))
        }
        var actions: [RuleAction] = []
        for item in items {
            guard let field = item["field"]?.stringValue, !field.isEmpty else {
                return .failure(FieldError(field: "actions", description: "Actions: each action needs a field",
                                           error: "InvalidValue"))
            }
            actions.append(RuleAction(field: field, value: item["value"] ?? .null))
        }
        return .success(actions)
    }

    static func write(_ actions: [RuleAction], to writer: inout JSONWriter) {
        writer.arrayField("actions") { array in
            for action in actions {
                array.beginObject()
                array.field("field", action.field)
                array.key("value")
                action.value.write(to: &array)
                array.endObject()
            }
        }
    }
}
