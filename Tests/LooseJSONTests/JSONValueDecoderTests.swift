import Foundation
import LooseJSON
import Testing

/// `JSONValueDecoder` must read what `JSONDecoder` reads — and refuse what it refuses — for synthesised `Decodable`
/// types, since connectors' models use both hand-written and synthesised conformances.
@Suite struct JSONValueDecoderTests {
    struct Everything: Decodable, Equatable {
        struct Inner: Decodable, Equatable {
            var name: String
            var tags: [String]
        }
        enum Kind: String, Decodable { case a, b }

        var int: Int
        var int64: Int64
        var uint8: UInt8
        var double: Double
        var float: Float
        var bool: Bool
        var string: String
        var optional: String?
        var missing: Int?
        var kind: Kind
        var inner: Inner
        var list: [Inner]
        var map: [String: Int]
        var raw: JSONValue
        var rawList: [JSONValue]
        var nested: [[Int?]]
    }

    static let document = #"""
        {"int": -42, "int64": 9007199254740991, "uint8": 255, "double": 1.5, "float": 0.25, "bool": true, "string": "é\"\n",
         "optional": null, "kind": "b", "inner": {"name": "x", "tags": ["p", "q"]}, "list": [{"name": "y", "tags": []}],
         "map": {"one": 1, "two": 2}, "raw": {"a": [1, "two", null, {"b": false}]}, "rawList": [null, 3, "s"], "nested": [[1, null], []]}
        """#

    private func both<T: Decodable>(_ type: T.Type, _ text: String) -> (foundation: T?, ours: T?, oursError: (any Error)?) {
        let foundation = try? JSONDecoder().decode(T.self, from: Data(text.utf8))
        do {
            return (foundation, try JSONValueDecoder().decode(T.self, from: Array(text.utf8)), nil)
        } catch {
            return (foundation, nil, error)
        }
    }

    @Test func readsEveryKindAsJSONDecoderDoes() throws {
        let (foundation, ours, _) = both(Everything.self, Self.document)
        let expected = try #require(foundation)
        #expect(ours == expected)
        #expect(ours?.raw == ["a": [1, "two", .null, ["b": false]]])
        #expect(ours?.optional == nil && ours?.missing == nil)
        #expect(ours?.nested == [[1, nil], []])
    }

    @Test func refusesWhatJSONDecoderRefuses() {
        // Each replaces one field of the document with something JSONDecoder will not accept.
        let broken = [
            (#""int": -42"#, #""int": 1.5"#), (#""int": -42"#, #""int": "42""#), (#""uint8": 255"#, #""uint8": 256"#),
            (#""uint8": 255"#, #""uint8": -1"#), (#""bool": true"#, #""bool": 1"#), (#""string": "é\"\n""#, #""string": 5"#),
            (#""kind": "b""#, #""kind": "c""#), (#""int": -42, "#, ""), (#""double": 1.5"#, #""double": null"#),
            (#""inner": {"name": "x", "tags": ["p", "q"]}"#, #""inner": []"#), (#""nested": [[1, null], []]"#, #""nested": [["1"]]"#),
        ]
        for (field, replacement) in broken {
            let text = Self.document.replacingOccurrences(of: field, with: replacement)
            #expect(text != Self.document, "the replacement applies: \(field)")
            let (foundation, ours, _) = both(Everything.self, text)
            #expect(foundation == nil, "JSONDecoder refuses \(replacement)")
            #expect(ours == nil, "JSONValueDecoder refuses \(replacement)")
        }
    }

    @Test func errorsNameTheFieldLikeJSONDecoder() {
        let text = Self.document.replacingOccurrences(of: #""tags": []"#, with: #""tags": [7]"#)
        let (_, _, error) = both(Everything.self, text)
        #expect(describeDecodingError(error ?? CancellationError()) .hasPrefix("list.[0].tags.[0]: expected String"), "\(String(describing: error))")
        let missing = both(Everything.self, Self.document.replacingOccurrences(of: #""bool": true, "#, with: "")).oursError
        #expect(describeDecodingError(missing ?? CancellationError()) == #"record: missing required field "bool""#)
    }

    @Test func datesUseTheGivenReader() throws {
        struct Stamped: Decodable { var at: Date }
        let decoder = JSONValueDecoder { value in value.int64Value.map { Date(timeIntervalSince1970: TimeInterval($0)) } }
        #expect(try decoder.decode(Stamped.self, from: ["at": 86_400]).at == Date(timeIntervalSince1970: 86_400))
        #expect(throws: DecodingError.self) { try decoder.decode(Stamped.self, from: ["at": "yesterday"]) }
    }
}
