/// Why a change to the sandbox's data was refused; mapped to Zendesk's error responses by the HTTP layer.
enum MutationError: Error, Sendable, Equatable {
    /// The record does not exist (or was deleted) → 404 `RecordNotFound`.
    case notFound
    /// Validation failed → 422 `RecordInvalid` with `details`.
    case invalid([FieldError])
    /// A `safe_update` carried a stale `updated_stamp` → 409 `UpdateConflict`; nothing was changed.
    case conflict

    static func invalid(_ field: String, _ description: String, _ code: String) -> MutationError {
        .invalid([FieldError(field: field, description: description, error: code)])
    }
}

/// One entry of a 422 `details` map: `{"<field>":[{"description":…,"error":…}]}`.
struct FieldError: Error, Sendable, Equatable {
    var field: String
    var description: String
    var error: String
}

/// A field in an update: left alone, or set to a value (possibly null).
enum FieldUpdate<Value: Sendable & Equatable>: Sendable, Equatable {
    case keep
    case set(Value?)
}

/// How a change edits a ticket's tags.
enum TagEdit: Sendable, Equatable {
    case replace([String])
    case add([String])
    case remove([String])
    /// Several edits applied in order (`tags`, then `additional_tags`, then `remove_tags` in one update).
    case combined([TagEdit])

    /// Zendesk lower-cases tags and splits them on whitespace.
    static func normalize(_ tags: [String]) -> [String] {
        var result: [String] = []
        for tag in tags {
            for word in tag.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                let text = String(word)
                if !result.contains(text) { result.append(text) }
            }
        }
        return result
    }

    func apply(to tags: [String]) -> [String] {
        switch self {
        case .replace(let new):
            return TagEdit.normalize(new)
        case .add(let added):
            var result = tags
            for tag in TagEdit.normalize(added) where !result.contains(tag) { result.append(tag) }
            return result
        case .remove(let removed):
            let gone = Set(TagEdit.normalize(removed))
            return tags.filter { !gone.contains($0) }
        case .combined(let edits):
            return edits.reduce(tags) { current, edit in edit.apply(to: current) }
        }
    }
}
