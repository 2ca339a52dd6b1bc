import Foundation
@testable import Sandbox
import Testing

/// The sandbox's request-body parser reads JSON to the same values as decoding through `JSONDecoder` did, and
/// rejects the same malformed bodies.
@Suite struct JSONBodyParserTests {
    static func viaDecoder(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static let wellFormed = [
        #"{"ticket":{"comment":{"body":"Hello \"there\"\n\té €😀 \u00e9\ud83d\ude00 \/ \\ \b\f\r","public":false},"status":"open","priority":null,"tags":["a","b"]}}"#,
        #"{"ticket":{"custom_fields":[{"id":360001,"value":"x"},{"id":2,"value":12.5},{"id":3,"value":true},{"id":4,"value":[1,2]}]}}"#,
        #"  [ 0, -0, 1, -17, 9223372036854775807, -9223372036854775808, 9223372036854775808, 1.0, 1e2, 2.5E-3, -1.25e+2, 0.1 ] "#,
        #"{"a":{"b":{"c":[[],{}]}},"":"", "dup":1, "dup":2}"#,
        #""just a string""#, "true", "false", "null", "42",
    ]

    static let malformed = [
        "", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "01", "1.", ".5", "-", "1e", "+1", "[1 2]", "{\"a\":1} x", "\"tab\tinside\"",
        "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"", "\"unterminated", "tru", "nul", "{'a':1}", "[1e400]", "NaN",
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
    ]

    @Test(arguments: wellFormed)
    func wellFormedBodiesParseToWhatJSONDecoderGave(_ text: String) throws {
        let expected = try #require(Self.viaDecoder(text), "JSONDecoder reads \(text)")
        #expect(JSONBodyParser.parse(Array(text.utf8)) == expected)
    }

    @Test(arguments: malformed)
    func malformedBodiesAreRejected(_ text: String) {
        #expect(JSONBodyParser.parse(Array(text.utf8)) == nil)
    }

    @Test func numbersKeepTheirKind() {
        #expect(JSONBodyParser.parse(Array("[7, 7.0, 7.5, 1e2, 18446744073709551616]".utf8))
                == .array([.int(7), .int(7), .double(7.5), .int(100), .double(18446744073709551616)]))
        #expect(JSONBodyParser.parse([0x22, 0xFF, 0x22]) == nil, "invalid UTF-8 in a string")
    }
}
