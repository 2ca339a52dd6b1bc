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

    /// `<div class="zd-comment" dir="auto"><p dir="auto">…</p>…</div>`, one paragraph per line (empty lines dropped).
    ///
    /// Every comment added through the API goes through here, so it works on UTF-8 bytes rather than `Character`s
    /// (everything it looks for is ASCII). A `\n` right after `\r` does not end a line: `"\r\n"` is one `Character`,
    /// which a split on `"\n"` never matched.
    static func html(from text: String) -> String {
        var html: [UInt8] = []
        html.reserveCapacity(text.utf8.count + 64)
        html.append(contentsOf: #"<div class="zd-comment" dir="auto">"#.utf8)
        var inParagraph = false
        var previous: UInt8 = 0
        for byte in text.utf8 {
            defer { previous = byte }
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                if inParagraph { html.append(contentsOf: "</p>".utf8) }
                inParagraph = false
                continue
            }
            if !inParagraph {
                html.append(contentsOf: #"<p dir="auto">"#.utf8)
                inParagraph = true
            }
            switch byte {
            case UInt8(ascii: "&"): html.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): html.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): html.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): html.append(contentsOf: "&quot;".utf8)
            default: html.append(byte)
            }
        }
        if inParagraph { html.append(contentsOf: "</p>".utf8) }
        html.append(contentsOf: "</div>".utf8)
        return String(decoding: html, as: UTF8.self)
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
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}
