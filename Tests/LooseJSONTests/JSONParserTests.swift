import Foundation
import LooseJSON
import Testing

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONValue.parse(#" { "a": [1, -2.5, 3e2, 0, -0.0], "b": {"c": null, "d": true, "e": false}, "s": "x\"y\\z\/\n\t\u00e4\ud83d\ude00" } "#)
        #expect(value["a"] == .array([.number(1), .number(-2.5), .number(300), .number(0), .number(-0.0)]))
        #expect(value["b"] == .object(["c": .null, "d": .bool(true), "e": .bool(false)]))
        #expect(value["s"] == .string("x\"y\\z/\n\tä😀"))
        #expect(try JSONValue.parse("[]") == .array([]))
        #expect(try JSONValue.parse("{}") == .object([:]))
        #expect(try JSONValue.parse("\"\"") == .string(""))
        #expect(try JSONValue.parse("12") == .number(12))
    }

    @Test func rejectsWhatIsNotJSONWithTheOffset() {
        let cases: [(String, Int)] = [("", 0), ("{", 1), ("[1,]", 3), ("{\"a\" 1}", 5), ("tru", 0), ("01", 1), ("1.", 2), ("\"abc", 4),
                                      ("\"a\u{1}\"", 2), ("[1] x", 4), ("{\"a\":1,}", 7), ("-", 1), ("\"\\x\"", 3), ("\"\\u12g4\"", 5)]
        for (text, offset) in cases {
            do {
                _ = try JSONValue.parse(text)
                Issue.record("\(text.debugDescription) should not parse")
            } catch {
                #expect(error.offset == offset, "\(text.debugDescription): \(error)")
            }
        }
    }

    @Test func refusesHostileNestingInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONValue.parse(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect((try? JSONValue.parse(fine)) != nil)
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSONValue.parse(#""\ud800x""#) == .string("\u{FFFD}x"))
        #expect(try JSONValue.parse(#""\udc00""#) == .string("\u{FFFD}"))
    }

    /// The parser and Foundation's decoder agree on random documents.
    @Test func agreesWithJSONDecoderOnRandomDocuments() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<500 {
            let value = randomValue(depth: 0, using: &generator)
            let text = value.jsonText
            let ours = try JSONValue.parse(text)
            let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            #expect(ours == foundation, "\(text)")
            #expect(ours == value)
        }
    }

    private func randomValue(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
        let kind = depth > 3 ? Int.random(in: 0..<4, using: &generator) : Int.random(in: 0..<6, using: &generator)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .number(Bool.random(using: &generator) ? Double(Int.random(in: -1_000_000...1_000_000, using: &generator)) : Double.random(in: -1e6...1e6, using: &generator))
        case 3:
            let alphabet = Array("abc \"\\/\n\té😀\u{1}{}[]:,")
            return .string(String((0..<Int.random(in: 0..<12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        case 4: return .array((0..<Int.random(in: 0..<5, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
        default:
            var object: [String: JSONValue] = [:]
            for index in 0..<Int.random(in: 0..<5, using: &generator) { object["k\(index)"] = randomValue(depth: depth + 1, using: &generator) }
            return .object(object)
        }
    }
}

/// SplitMix64, so the random documents are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
