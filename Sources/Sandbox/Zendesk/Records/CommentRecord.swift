/// A ticket comment as the sandbox stores or generates it (reference §5.3).
struct CommentRecord: Sendable, Equatable {
    var id: Int64
    var ticketID: Int64
    var auditID: Int64
    var authorID: Int64
    var body: String
    var htmlBody: String
    var isPublic: Bool
    var createdAt: Int64
    var via: ViaChannel

    /// Builds a comment from plain text, deriving the HTML body the way Zendesk renders it.
    init(id: Int64, ticketID: Int64, auditID: Int64, authorID: Int64, body: String, isPublic: Bool,
         createdAt: Int64, via: ViaChannel, htmlBody: String? = nil) {
        self.id = id
        self.ticketID = ticketID
        self.auditID = auditID
        self.authorID = authorID
        self.body = body
        self.htmlBody = htmlBody ?? CommentRecord.html(from: body)
        self.isPublic = isPublic
        self.createdAt = createdAt
        self.via = via
    }

    /// `<div class="zd-comment" dir="auto"><p dir="auto">…</p>…</div>`, one paragraph per line.
    static func html(from text: String) -> String {
        var html = "<div class=\"zd-comment\" dir=\"auto\">"
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            html += "<p dir=\"auto\">" + escapeHTML(line) + "</p>"
        }
        return html + "</div>"
    }

    /// Plain text from an HTML body: tags removed, paragraphs become lines, common entities decoded.
    static func text(fromHTML html: String) -> String {
        var text = ""
        var insideTag = false
        var tagName = ""
        for character in html {
            if character == "<" {
                insideTag = true
                tagName = ""
            } else if character == ">" {
                insideTag = false
                if (tagName == "/p" || tagName == "br" || tagName == "br/") && !text.isEmpty && text.last != "\n" {
                    text.append("\n")
                }
            } else if insideTag {
                if character != " " || tagName.isEmpty { tagName.append(character) }
            } else {
                text.append(character)
            }
        }
        let decoded = text.replacingAll("&lt;", with: "<").replacingAll("&gt;", with: ">")
            .replacingAll("&quot;", with: "\"").replacingAll("&#39;", with: "'").replacingAll("&amp;", with: "&")
        return decoded.hasSuffix("\n") ? String(decoded.dropLast()) : decoded
    }

    private static func escapeHTML(_ text: Substring) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
