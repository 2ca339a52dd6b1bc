import LooseJSON
import Testing

/// `JSONParser.parse(_:keepingMembers:)`: the members it keeps come out as a full parse would build them, and the
/// members it skips are held to the same rules, failing at the same byte.
@Suite struct JSONParserMemberTests {
    static let document = #"""
        { "ticket": {"id": 7, "tags": ["a", "b\"c", "\u00e4\ud83d\ude00"], "via": {"source": {"from": {}, "to": []}}, "n": -1.5e3,
                     "flags": [true, false, null], "deep": [[[{"x": [{}]}]]]},
          "audit": {"id": 99, "events": [{"type": "Comment", "body": "line\nbreak \/ slash", "public": false}]},
          "next_page": null }
        """#

    @Test func keptMembersAreBuiltAsAFullParseBuildsThem() throws {
        let whole = try JSONValue.parse(Self.document)
        let audit = try JSONParser.parse(Array(Self.document.utf8), keepingMembers: ["audit"])
        #expect(audit == .object(["audit": try #require(whole["audit"])]))
        let two = try JSONParser.parse(Array(Self.document.utf8), keepingMembers: ["ticket", "next_page"])
        #expect(two == .object(["ticket": try #require(whole["ticket"]), "next_page": .null]))
        #expect(try JSONParser.parse(Array(Self.document.utf8), keepingMembers: []) == .object([:]))
        #expect(try JSONParser.parse(Array(Self.document.utf8), keepingMembers: ["missing"]) == .object([:]))
    }

    @Test func aSkippedMemberIsCheckedAsStrictlyAsABuiltOne() {
        let badValues = ["[1,]", "{\"a\" 1}", "{\"a\":1,}", "tru", "nul", "01", "1.", "1e", "-", "\"abc", "\"a\u{1}\"", "\"\\x\"",
                         "\"\\u12g4\"", "[1 2]", "{1:2}", "{\"a\":}", "[", "{", "@"]
        for bad in badValues {
            let text = #"{"audit": {"id": 1}, "ticket": "# + bad + "}"
            let full = offset { _ = try JSONValue.parse(text) }
            let skipping = offset { _ = try JSONParser.parse(Array(text.utf8), keepingMembers: ["audit"]) }
            #expect(full != nil, "\(text.debugDescription) should not parse")
            #expect(skipping == full, "\(text.debugDescription): skipping failed at \(String(describing: skipping)), a full parse at \(String(describing: full))")
        }
    }

    @Test func aSkippedMemberCannotNestDeeperThanTheLimit() {
        let deep = #"{"ticket": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + #", "audit": 1}"#
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(deep.utf8), keepingMembers: ["audit"]) }
        let fine = #"{"ticket": "# + String(repeating: "[", count: 500) + String(repeating: "]", count: 500) + #", "audit": 1}"#
        #expect((try? JSONParser.parse(Array(fine.utf8), keepingMembers: ["audit"])) == .object(["audit": .number(1)]))
    }

    @Test func aDocumentThatIsNotAnObjectIsParsedWholeAndTrailingDataIsRefused() throws {
        #expect(try JSONParser.parse(Array("[1, {\"audit\": 2}]".utf8), keepingMembers: ["audit"]) == .array([.number(1), .object(["audit": .number(2)])]))
        #expect(try JSONParser.parse(Array(" \"x\" ".utf8), keepingMembers: ["audit"]) == .string("x"))
        #expect(offset { _ = try JSONParser.parse(Array(#"{"audit": 1} {"#.utf8), keepingMembers: ["audit"]) } == 13)
        #expect(offset { _ = try JSONParser.parse(Array(#"{"ticket": [1], "audit": 1"#.utf8), keepingMembers: ["audit"]) } == 26)
    }

    /// Where `body` failed to parse, `nil` if it did not fail, and -1 for an error that is not a parse failure.
    private func offset(_ body: () throws -> Void) -> Int? {
        do {
            try body()
            return nil
        } catch {
            return (error as? JSONParser.Failure)?.offset ?? -1
        }
    }
}
