import Foundation
import SQLKit
import SwitchboardCore
import SwitchboardStore

/// `SwitchboardBench profiles`: 200,000 identities from three sources (Zendesk users, directory contacts, Consonance
/// contributors) whose emails and phones overlap the way a publisher's do, merged into profiles in a SQLite store
/// (and PostgreSQL with `--postgres URL`), in batches of `--batch` activities per transaction. The baseline, measured
/// in the same run, is the pure in-memory work: ``IdentityMatcher`` plus ``ProfileMergePolicy`` over the same
/// activities. Prints identities/s, profiles, merges and peak RSS per phase, and the store-vs-baseline ratio.
struct ProfilesBench {
    let options: BenchOptions

    func run() async throws {
        let count = options.int("identities", default: 200_000)
        let batch = options.int("batch", default: 1_000)
        let seed = UInt64(options.int("seed", default: 7))
        let postgres = options.string("postgres", default: ProcessInfo.processInfo.environment["SWITCHBOARD_TEST_POSTGRES_URL"] ?? "")
        let activities = Self.generate(count: count, seed: seed)
        emit(["bench": "profiles", "phase": "setup", "identities": count, "batch": batch, "sources": 3,
              "rss_mb": rounded(Double(MemorySampler.residentBytes()) / 1_048_576)])

        let sampler = MemorySampler()
        let (baseline, baselinePeak) = await sampler.measure { Self.inMemory(activities) }
        let baselineRate = Double(count) / baseline.seconds
        emit(["bench": "profiles", "phase": "baseline_in_memory", "identities": count, "seconds": rounded(baseline.seconds, 2),
              "identities_per_s": rounded(baselineRate), "profiles": baseline.profiles, "merges": baseline.merges, "peak_rss_mb": rounded(Double(baselinePeak) / 1_048_576)])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-profiles")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var targets: [(String, StoreLocation, String?)] = [("sqlite", .sqlite(path: directory.appendingPathComponent("bench.db").path), nil)]
        if !postgres.isEmpty {
            let schema = "bench_" + String(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))
            targets.append(("postgres", .postgres(url: postgres + (postgres.contains("?") ? "&" : "?") + "search_path=\(schema)"), schema))
        }
        for (name, location, schema) in targets {
            let (figures, peak) = try await sampler.measure { try await Self.store(activities, location: location, batch: batch, label: name) }
            let rate = Double(count) / figures.seconds
            emit(["bench": "profiles", "phase": "store", "database": name, "identities": count, "seconds": rounded(figures.seconds, 2),
                  "identities_per_s": rounded(rate), "profiles": figures.profiles, "merges": figures.merges, "history": figures.history,
                  "matches_baseline": figures.profiles == baseline.profiles, "peak_rss_mb": rounded(Double(peak) / 1_048_576)])
            emit(["bench": "profiles", "phase": "ratio", "database": name, "store_vs_in_memory": rounded(rate / baselineRate, 4)])
            if let schema { try? await Store.using(.postgres(url: postgres)) { store in try await store.session { try await $0.run("DROP SCHEMA \(ident: schema) CASCADE") } } }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    struct Figures {
        var seconds: Double
        var profiles: Int
        var merges: Int
        var history = 0
    }

    /// The identities: people with an email and a phone; each identity is one person in one source and carries the
    /// keys that source tends to have (Zendesk: email, often a phone; the directory: a phone, sometimes the email;
    /// Consonance: an email, sometimes a phone). With 200,000 identities over 120,000 people, many people appear in
    /// two or three sources, and a few share an email or a phone (a shared office number), which merges more.
    static func generate(count: Int, seed: UInt64) -> [ProfileActivity] {
        var rng = BenchRandom(seed: seed)
        let people = max(count * 3 / 5, 1)
        var activities: [ProfileActivity] = []
        activities.reserveCapacity(count)
        let sources: [ProfileSource] = [.zendesk, .directory, .consonance]
        for index in 0..<count {
            let source = sources[index % 3]
            let person = Int(rng.next() % UInt64(people))
            let email = "person\(person % 100 == 0 ? person / 2 : person)@example.com"
            let phone = "+4477\(String(format: "%08d", person % 97 == 0 ? person / 3 : person))"
            var fields: [ProfileField: String] = [.name: "Person \(person)", .organization: "Org \(person % 500)"]
            switch source {
            case .zendesk:
                fields[.email] = email
                if rng.next() % 2 == 0 { fields[.phone] = phone }
            case .directory:
                fields[.phone] = phone
                if rng.next() % 3 == 0 { fields[.email] = email }
            default:
                fields[.email] = email
                if rng.next() % 4 == 0 { fields[.phone] = phone }
                fields[.jobTitle] = "author"
            }
            activities.append(ProfileActivity(source: source, activityID: "a\(index)", identity: "\(source.rawValue)-\(index)",
                                              occurredAt: 1_700_000_000 + Int64(rng.next() % 10_000_000), fields: fields))
        }
        return activities
    }

    /// The baseline: match every identity in memory, then apply every activity to its group's fields (the final fields
    /// are the same as merging as one goes, since a merge keeps the more recent value of each field).
    static func inMemory(_ activities: [ProfileActivity]) -> Figures {
        let start = ContinuousClock.now
        var matcher = IdentityMatcher()
        var merges = 0
        for activity in activities { merges += matcher.add(activity.identityKeys).count }
        var states: [IdentityKey: ProfileFieldState] = [:]
        for activity in activities {
            let group = matcher.group(of: IdentityKey(source: activity.source, sourceID: activity.identity))!
            states[group] = ProfileMergePolicy.apply(activity, to: states[group] ?? [:], permissions: .allFields, now: 0).state
        }
        return Figures(seconds: (ContinuousClock.now - start).benchSeconds, profiles: states.count, merges: merges)
    }

    static func store(_ activities: [ProfileActivity], location: StoreLocation, batch: Int, label: String) async throws -> Figures {
        try await Store.using(location) { store in
            let start = ContinuousClock.now
            var lastReport = start
            var merges = 0
            for offset in stride(from: 0, to: activities.count, by: batch) {
                let slice = Array(activities[offset..<min(offset + batch, activities.count)])
                let results = try await store.transaction { try await $0.ingestProfileActivities(slice, now: 1_800_000_000) }
                merges += results.reduce(0) { $0 + $1.merges.count }
                if ContinuousClock.now - lastReport >= .seconds(5) {
                    lastReport = ContinuousClock.now
                    let done = offset + slice.count
                    let seconds = (lastReport - start).benchSeconds
                    FileHandle.standardError.write(Data("profiles [\(label)]: \(done)/\(activities.count) identities, \(Int(Double(done) / seconds))/s, \(merges) merges, RSS \(MemorySampler.residentBytes() >> 20) MB\n".utf8))
                }
            }
            let seconds = (ContinuousClock.now - start).benchSeconds
            let counts = try await store.session { try await $0.profileCounts() }
            return Figures(seconds: seconds, profiles: counts.profiles, merges: merges, history: counts.history)
        }
    }
}

/// SplitMix64, so every run generates the same identities.
struct BenchRandom {
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

extension Duration {
    fileprivate var benchSeconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
