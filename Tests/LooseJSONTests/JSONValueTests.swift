import Foundation
import LooseJSON
import Testing

@Suite struct JSONValueTests {
    @Test func decodesEveryKindAndWritesSortedCompactText() throws {
        let text = #"{"b":[1,2.5,"x",true,null],"a":{"z":"q\"uote\n","y":-3}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value.jsonText == #"{"a":{"y":-3,"z":"q\"uote\n"},"b":[1,2.5,"x",true,null]}"#)
        #expect(value["a"]?["y"]?.int64Value == -3)
        #expect(value["b"]?.stringValue == nil)
    }

    @Test func handWrittenTextRoundTripsThroughFoundation() throws {
        let value = JSONValue.object(["k\u{1}": .string("tab\tand \u{7f} and é"), "n": .number(1e20), "i": .number(42)])
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(value.jsonText.utf8))
        #expect(decoded == value)
    }

    @Test func escapesExactlyTheCharactersJSONRequiresAndCopiesTheRest() {
        let value = JSONValue.string("a\"b\\c\u{0}\u{1f}\r\n\té€😀/end")
        #expect(value.jsonText == #""a\"b\\c\u0000\u001f\r\n\té€😀/end""#)
        var appended = "prefix:"
        JSONValue.writeString("q\"", to: &appended)
        #expect(appended == #"prefix:"q\"""#)
        #expect(JSONValue.string("").jsonText == #""""#)
    }

    @Test func lossyKeepsBadElementsWithReasonAndRawJSON() throws {
        struct Item: Decodable, Sendable { var id: Int }
        let items = try JSONDecoder().decode([Lossy<Item>].self, from: Data(#"[{"id":1},{"id":"nope","x":2},{"other":true}]"#.utf8))
        guard case .success(let first) = items[0] else { Issue.record("first should decode"); return }
        #expect(first.id == 1)
        guard case .failure(let reason, let raw) = items[1] else { Issue.record("second should fail"); return }
        #expect(reason.contains("id"))
        #expect(raw["x"]?.int64Value == 2)
        guard case .failure(let missing, _) = items[2] else { Issue.record("third should fail"); return }
        #expect(missing.contains("missing required field \"id\""))
    }
}
