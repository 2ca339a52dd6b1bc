/// A Zendesk search query, parsed into the subset of the syntax the sandbox understands
/// (https://support.zendesk.com/hc/en-us/articles/4408886879258).
///
/// Terms are `property:value` and the comparisons `<`, `>`, `<=`, `>=`; a leading `-` negates; `"quoted phrases"`
/// keep spaces; other words are text to find. `type:` selects record kinds and `order_by:`/`sort:` the order.
/// Several positive `:` terms of one property match any of their values; everything else must all hold.
struct SearchQuery: Sendable, Equatable {
    enum Relation: String, Sendable {
        case equals = ":"
        case less = "<"
        case greater = ">"
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
    }

    struct Term: Sendable, Equatable {
        /// Lower-cased property name, or `nil` for a bare word or phrase.
        var field: String?
        var relation: Relation
        var value: String
        var negated: Bool
    }

    /// `ticket`, `user`, `organization`; empty for every kind.
    var types: Set<String> = []
    var terms: [Term] = []
    /// From `order_by:` (e.g. `created_at`) and `sort:` (`asc`/`desc`).
    var orderBy: String?
    var sortOrder: String?

    init(parsing text: String) {
        for token in SearchQuery.tokens(text) {
            var body = Substring(token)
            let negated = body.hasPrefix("-") && body.count > 1
            if negated { body = body.dropFirst() }
            guard let term = SearchQuery.term(body, negated: negated) else { continue }
            switch term.field {
            case "type" where !negated: types.insert(term.value.lowercased())
            case "order_by": orderBy = term.value.lowercased()
            case "sort": sortOrder = term.value.lowercased()
            default: terms.append(term)
            }
        }
    }

    /// Words separated by spaces; double quotes keep a phrase together and are removed.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" {
                quoted.toggle()
            } else if character.isWhitespace && !quoted {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func term(_ token: Substring, negated: Bool) -> Term? {
        guard !token.isEmpty else { return nil }
        let nameEnd = token.firstIndex { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") } ?? token.endIndex
        let name = token[..<nameEnd]
        let rest = token[nameEnd...]
        guard !name.isEmpty, let first = rest.first, first == ":" || first == "<" || first == ">" else {
            return Term(field: nil, relation: .equals, value: String(token), negated: negated)
        }
        var relation = Relation(rawValue: String(first))!
        var value = rest.dropFirst()
        if value.first == "=", first != ":" {
            relation = first == "<" ? .lessOrEqual : .greaterOrEqual
            value = value.dropFirst()
        }
        return Term(field: name.lowercased(), relation: relation, value: String(value), negated: negated)
    }

    /// The terms grouped for matching: positive `:` terms of one property form one group (any may match); every
    /// other term is a group of its own.
    var groups: [[Term]] {
        var groups: [[Term]] = []
        var byField: [String: Int] = [:]
        for term in terms {
            if let field = term.field, term.relation == .equals, !term.negated {
                if let index = byField[field] {
                    groups[index].append(term)
                } else {
                    byField[field] = groups.count
                    groups.append([term])
                }
            } else {
                groups.append([term])
            }
        }
        return groups
    }
}
