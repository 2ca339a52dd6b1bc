import Foundation

/// Sorts what a support ticket about a book is asking into a few topics publishers act on — release timing, format
/// availability, metadata errors, price, rights, orders and delivery, royalties, manuscript and production — from
/// keywords in its subject and text. Recurring-question signals report the top topics of a title's tickets.
public enum SupportTopics {
    /// Topic name → keywords (lower case; matched as whole words or word prefixes).
    public static let keywords: [(topic: String, words: [String])] = [
        ("release timing", ["release", "released", "publication date", "pub date", "when will", "come out", "coming out", "pre-order", "preorder", "delayed", "delay", "postponed"]),
        ("format availability", ["ebook", "e-book", "kindle", "epub", "audiobook", "audio", "hardback", "hardcover", "paperback", "format", "available", "availability", "out of stock", "in stock"]),
        ("metadata", ["typo", "wrong", "incorrect", "misspelled", "metadata", "description", "blurb", "cover", "subtitle", "author name", "series", "missing"]),
        ("price", ["price", "pricing", "cost", "discount", "£", "$", "€"]),
        ("rights", ["rights", "permission", "permissions", "licence", "license", "licensing", "translation", "territory", "excerpt", "reprint"]),
        ("orders and delivery", ["order", "delivery", "shipping", "shipment", "dispatch", "refund", "return", "damaged"]),
        ("royalties", ["royalty", "royalties", "statement", "payment", "advance"]),
        ("manuscript and production", ["manuscript", "proof", "proofs", "copyedit", "edits", "typeset", "production", "deadline", "schedule"]),
    ]

    /// The topics found in `text`, in the order of ``keywords``.
    public static func classify(_ text: String) -> [String] {
        let lowered = " " + text.lowercased().folding(options: [.diacriticInsensitive], locale: nil) + " "
        return keywords.compactMap { entry in
            entry.words.contains { word in
                if word.count == 1 { return lowered.contains(word) }
                guard let range = lowered.range(of: word) else { return false }
                let before = lowered[lowered.index(before: range.lowerBound)]
                return !(before.isLetter || before.isNumber)
            } ? entry.topic : nil
        }
    }

    /// The most frequent topics over several tickets' topic lists, most frequent first (ties in ``keywords`` order).
    public static func top(_ topicLists: [[String]], limit: Int = 3) -> [String] {
        var counts: [String: Int] = [:]
        for topics in topicLists { for topic in Set(topics) { counts[topic, default: 0] += 1 } }
        let order = Dictionary(uniqueKeysWithValues: keywords.enumerated().map { ($0.element.topic, $0.offset) })
        return counts.sorted { ($0.value, -(order[$0.key] ?? 99)) > ($1.value, -(order[$1.key] ?? 99)) }.prefix(limit).map(\.key)
    }
}
