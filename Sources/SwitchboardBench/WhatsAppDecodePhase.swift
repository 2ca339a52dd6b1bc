import Foundation
import LooseJSON
import WhatsAppKit

/// Inbound webhook decoding throughput: `WhatsAppWebhook.decode` over every webhook body in WhatsAppKit's fixtures
/// (Meta's OpenAPI examples and pywa's variants), bytes → decoded events, against a same-run baseline that only
/// parses the same bytes into `JSONSerialization` objects (the least any decoder must do).
struct WhatsAppDecodePhase {
    struct Figures {
        var bodies: Int
        var bytes: Int
        var events: Int
        var seconds: Double
        var baselineSeconds: Double
        var eventsPerSecond: Double { Double(events) / max(seconds, 1e-9) }
        var megabytesPerSecond: Double { Double(bytes) / 1_048_576 / max(seconds, 1e-9) }
        var baselineMegabytesPerSecond: Double { Double(bytes) / 1_048_576 / max(baselineSeconds, 1e-9) }
    }

    /// The fixture folder, found from this source file (the benchmark runs from a checkout).
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/WhatsAppKitTests/Fixtures")
    }

    /// Every webhook body: each Meta example file, and each variant of each pywa `updates/*.json` file.
    static func bodies() throws -> [[UInt8]] {
        var bodies: [[UInt8]] = []
        let meta = fixtures.appendingPathComponent("meta-openapi-examples/webhook_examples")
        for file in try FileManager.default.contentsOfDirectory(at: meta, includingPropertiesForKeys: nil).sorted(by: { $0.path < $1.path })
        where file.pathExtension == "json" {
            bodies.append(Array(try Data(contentsOf: file)))
        }
        let pywa = fixtures.appendingPathComponent("pywa/updates")
        for file in try FileManager.default.contentsOfDirectory(at: pywa, includingPropertiesForKeys: nil).sorted(by: { $0.path < $1.path })
        where file.pathExtension == "json" {
            guard case .object(let variants)? = try? JSONValue.parse(Array(try Data(contentsOf: file))) else { continue }
            for key in variants.keys.sorted() where variants[key]?["entry"] != nil { bodies.append(Array(variants[key]!.jsonText.utf8)) }
        }
        return bodies
    }

    /// Decode every body `rounds` times (after one warm-up round), then parse them as plain JSON as many times.
    func run(rounds: Int) throws -> Figures {
        let bodies = try Self.bodies()
        guard !bodies.isEmpty else { throw BenchError("no webhook fixtures under \(Self.fixtures.path)") }
        var events = 0
        for body in bodies { events += try WhatsAppWebhook.decode(body).events.count }
        let perRound = events
        let started = ContinuousClock.now
        var checksum = 0
        for _ in 0..<rounds {
            for body in bodies { checksum &+= try WhatsAppWebhook.decode(body).events.count }
        }
        let seconds = (ContinuousClock.now - started).seconds
        guard checksum == perRound * rounds else { throw BenchError("decoding is not deterministic: \(checksum) events, expected \(perRound * rounds)") }
        let baselineStarted = ContinuousClock.now
        var parsed = 0
        for _ in 0..<rounds {
            for body in bodies where (try? JSONSerialization.jsonObject(with: Data(body))) != nil { parsed += 1 }
        }
        let baselineSeconds = (ContinuousClock.now - baselineStarted).seconds
        guard parsed == bodies.count * rounds else { throw BenchError("the baseline could not parse every body") }
        return Figures(bodies: bodies.count * rounds, bytes: bodies.reduce(0) { $0 + $1.count } * rounds, events: perRound * rounds,
                       seconds: seconds, baselineSeconds: baselineSeconds)
    }
}
