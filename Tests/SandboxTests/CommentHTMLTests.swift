@testable import Sandbox
import Testing

/// A comment's `html_body`, built from its text byte by byte, is what the earlier `Character`-based version built.
@Suite struct CommentHTMLTests {
    /// The earlier implementation, kept as the reference.
    static func reference(_ text: String) -> String {
        func escape(_ line: Substring) -> String {
            var result = ""
            for character in line {
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
        var html = "<div class=\"zd-comment\" dir=\"auto\">"
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            html += "<p dir=\"auto\">" + escape(line) + "</p>"
        }
        return html + "</div>"
    }

    @Test(arguments: ["", "a", "a\nb", "\n\na\n\n", "x & <y> \"z\" 'w'", "a\r\nb", "\r\n", "line\n\r\nnext\r", "ä😀\ncafé\u{301}\n\u{301}x",
                      "Switchboard bench note 12 for ticket 7", String(repeating: "long line ", count: 300)])
    func matchesTheCharacterBasedVersion(_ text: String) {
        #expect(CommentRecord.html(from: text) == Self.reference(text))
    }

    @Test func paragraphsAndEscapes() {
        #expect(CommentRecord.html(from: "Hi <b>\n\nThanks & bye") ==
            #"<div class="zd-comment" dir="auto"><p dir="auto">Hi &lt;b&gt;</p><p dir="auto">Thanks &amp; bye</p></div>"#)
    }
}
