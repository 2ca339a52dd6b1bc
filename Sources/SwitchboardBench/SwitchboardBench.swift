import Foundation

/// Benchmarks for Switchboard's hot paths. Each prints one JSON line per figure, so runs can be compared as
/// ratios against a baseline measured in the same run (the machine is noisy; absolute numbers are not comparable).
///
///     swift run -c release SwitchboardBench mirror [--tickets 100000]
///     swift run -c release SwitchboardBench mirror-rate-limited [--tickets 10000] [--export 10/20s]
///     swift run -c release SwitchboardBench webhooks [--events 2000] [--concurrency 32] [--postgres URL]
///     swift run -c release SwitchboardBench consonance-poll [--works 15500] [--changes N]
///     swift run -c release SwitchboardBench whatsapp-fanout [--contacts 10000] [--rate 80] [--postgres URL]
///     swift run -c release SwitchboardBench profiles [--identities 200000] [--batch 1000] [--postgres URL]
@main
enum SwitchboardBench {
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first else { return usage() }
        arguments.removeFirst()
        let options = BenchOptions(arguments)
        do {
            switch name {
            case "mirror": try await MirrorBench(options: options).run()
            case "mirror-rate-limited": try await RateLimitedMirrorBench(options: options).run()
            case "webhooks": try await WebhookBench(options: options).run()
            case "consonance-poll": try await ConsonancePollBench(options: options).run()
            case "whatsapp-fanout": try await WhatsAppFanoutBench(options: options).run()
            case "profiles": try await ProfilesBench(options: options).run()
            default: usage()
            }
        } catch {
            FileHandle.standardError.write(Data("bench failed: \(error)\n".utf8))
            exit(1)
        }
    }

    static func usage() {
        print("""
            usage: SwitchboardBench <benchmark> [options]
              mirror                 sandbox → ZendeskKit → SQLite ingest vs. fetch-and-decode only (the ceiling)
                                     --tickets N (default 100000) --seed S
              mirror-rate-limited    the same sync against a rate-limited sandbox: time vs. the minimum the limits allow
                                     --tickets N (default 10000) --export LIMIT/SECONDSs (default 10/20s)
              webhooks               signed Zendesk webhooks → durable runs → a comment in the sandbox, on SQLite and
                                     PostgreSQL, vs. a trivial Hummingbird endpoint (the ceiling): runs/s, p50/p99, RSS
                                     --events N (default 2000) --concurrency C (default 32) --warmup W (default 200)
                                     --workers K (job workers, default 8) --tickets T (sandbox tickets, default 1000)
                                     --postgres URL (default $SWITCHBOARD_TEST_POSTGRES_URL; skipped when neither is set)
              consonance-poll        Consonance poll (snapshot diff → events → SQLite) over a captured ~50,000-product
                                     catalogue vs. a plain JSONDecoder decode of the same pages: products/s, RSS
                                     --works N (default 15500, ≈ 51,000 products) --changes C (moved publication
                                     dates, default 1 % of the products) --page-size P (default 100) --seed S
              whatsapp-fanout        one stage notification to a title's opted-in contacts through notify_title_contacts
                                     against a sandbox capped at --rate messages/s: messages/s vs. the cap, 130429s,
                                     p50/p99 send latency, RSS; then webhook decoding (vs. JSONSerialization) and signed
                                     inbound webhook ingest (vs. a trivial endpoint)
                                     --contacts N (default 10000) --rate R (default 80) --ingest W (default 2000)
                                     --concurrency C (ingest senders, default 16) --decode-rounds K (default 2000)
                                     --statuses on|off (status webhooks to the node, default on) --postgres URL
              profiles               identities from 3 sources with overlapping emails and phones merged into profiles in
                                     SQLite (and PostgreSQL with --postgres URL) vs. the in-memory matcher and merge
                                     policy: identities/s, profiles, merges, peak RSS, progress every 5 s
                                     --identities N (default 200000) --batch B (activities per transaction, default 1000)
            """)
    }
}

/// `--name value` pairs.
struct BenchOptions {
    private var values: [String: String] = [:]

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let key = arguments[index].trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            values[key] = index + 1 < arguments.count ? arguments[index + 1] : ""
            index += 2
        }
    }

    func int(_ name: String, default value: Int) -> Int { values[name].flatMap(Int.init) ?? value }
    func string(_ name: String, default value: String) -> String { values[name] ?? value }
}

/// Prints one benchmark figure as a JSON line.
func emit(_ fields: KeyValuePairs<String, Any>) {
    var object: [String: Any] = [:]
    for (key, value) in fields { object[key] = value }
    emit(object)
}

/// Prints one benchmark figure, built up as a dictionary, as a JSON line.
func emit(_ object: [String: Any]) {
    if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

func rounded(_ value: Double, _ places: Int = 1) -> Double {
    let scale = pow(10, Double(places))
    return (value * scale).rounded() / scale
}
