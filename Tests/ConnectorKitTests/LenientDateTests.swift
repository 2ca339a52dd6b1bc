import ConnectorKit
import Foundation
import Testing

@Suite struct LenientDateTests {
    @Test(arguments: [
        ("2024-02-15T16:24:04Z", 1_708_014_244.0),
        ("2024-02-15T16:24:04.5Z", 1_708_014_244.5),
        ("2023-09-18T23:38:16.09004765Z", 1_695_080_296.09004765),
        ("2025-01-08T14:25:30.123456789Z", 1_736_346_330.123456789),
        ("2024-02-15T16:24:04+01:00", 1_708_010_644.0),
        ("2024-02-15T16:24:04+0100", 1_708_010_644.0),
        ("2024-02-15T16:24:04-05:30", 1_708_034_044.0),
        ("2024-02-15 16:24:04", 1_708_014_244.0),
        ("2012-07-23", 1_343_001_600.0),
        ("1708014261", 1_708_014_261.0),
    ])
    func parses(_ text: String, _ expected: Double) throws {
        let date = try #require(LenientDate.parse(text))
        #expect(abs(date.timeIntervalSince1970 - expected) < 0.000_01)
    }

    @Test(arguments: ["", "yesterday", "2024-13-01", "2024-02-15T25:00:00Z", "2024-02-15T16:24:04Q", "2024-02-15T16:24:04.Z", "Completed at 2023-09-18 23:25:53 +0000"])
    func rejects(_ text: String) {
        #expect(LenientDate.parse(text) == nil)
    }

    @Test func formatsLikeZendeskREST() {
        #expect(LenientDate.format(Date(timeIntervalSince1970: 1_708_014_244.9)) == "2024-02-15T16:24:04Z")
        #expect(LenientDate.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(LenientDate.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test func decodingStrategyAcceptsStringsAndUnixSeconds() throws {
        struct Box: Decodable { var a: Date; var b: Date }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .lenient
        let box = try decoder.decode(Box.self, from: Data(#"{"a":"2024-02-15T16:24:04.123Z","b":1708014261}"#.utf8))
        #expect(abs(box.a.timeIntervalSince1970 - 1_708_014_244.123) < 0.0001)
        #expect(box.b.timeIntervalSince1970 == 1_708_014_261)
    }
}
