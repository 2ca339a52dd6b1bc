/// Applies `{"macro":{…}}` bodies to macros: a title and at least one action are required.
enum MacroInput {
    static func apply(_ object: JSONValue, to macro: MacroRecord, isCreation: Bool) -> Result<MacroRecord, MutationError> {
        var macro = macro
        var errors: [FieldError] = []
        if let title = object["title"]?.stringValue, !title.trimmingSpaces().isEmpty {
            macro.title = title
        } else if isCreation || object["title"] != nil {
            errors.append(FieldError(field: "title", description: "Title: cannot be blank", error: "BlankValue"))
        }
        if let actions = object["actions"] ?? (isCreation ? JSONValue.null : nil) {
            switch RuleAction.list(actions) {
            case .success(let list): macro.actions = list
            case .failure(let error): errors.append(error)
            }
        }
        if let active = object["active"]?.boolValue { macro.active = active }
        if let position = object["position"]?.int64Value { macro.position = Int(position) }
        if let description = object["description"] { macro.description = description.stringValue }
        if let restriction = object["restriction"] {
            if restriction.isNull || restriction.objectValue?.isEmpty == true {
                macro.restriction = .null
            } else if let type = restriction["type"]?.stringValue, ["Group", "User"].contains(type) {
                let ids = restriction["ids"]?.arrayValue?.compactMap(\.int64Value)
                    ?? restriction["id"]?.int64Value.map { [$0] } ?? []
                macro.restriction = .object(["type": .string(type), "id": ids.first.map(JSONValue.int) ?? .null,
                                             "ids": .array(ids.map(JSONValue.int))])
            } else {
                errors.append(FieldError(field: "restriction", description: "Restriction: type must be Group or User",
                                         error: "InvalidValue"))
            }
        }
        return errors.isEmpty ? .success(macro) : .failure(.invalid(errors))
    }
}
