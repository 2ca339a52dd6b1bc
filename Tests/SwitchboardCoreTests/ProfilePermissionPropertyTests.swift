import SwitchboardCore
import Testing

/// The write rule of unified profiles as a seeded property: over random sequences of activities from several
/// sources, with random per-source permissions that change mid-sequence, every field is only ever written by a source
/// allowed to write it at the time, and its value is that of the most recent permitted activity. The expected value
/// comes from an independent oracle: the maximum, by (time, activity id, source), over the log of applied activities
/// that carried the field and whose source was then allowed to write it. Profiles are also split in two and merged,
/// which must give the same answer as one profile.
@Suite struct ProfilePermissionPropertyTests {
    static let sources: [ProfileSource] = [.zendesk, .whatsapp, .consonance, .directory]
    static let fields: [ProfileField] = [.name, .email, .phone, .organization, .jobTitle, .notes]

    /// What the oracle remembers of each applied activity: the activity and what its source could write then.
    struct Applied {
        var activity: ProfileActivity
        var permissions: FieldPermissions
        var half: Int
    }

    static func randomPermissions(_ rng: inout SplitMix64) -> FieldPermissions {
        let subset = Set(fields.filter { _ in Bool.random(using: &rng) })
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return .none
        case 1: return .only(subset)
        case 2: return .except(subset)
        default: return .allFields
        }
    }

    /// The oracle: for each field, the value of the most recent permitted activity among `log`.
    static func expected(_ log: [Applied]) -> [ProfileField: ProfileActivity] {
        var winners: [ProfileField: ProfileActivity] = [:]
        for entry in log {
            for (field, _) in entry.activity.fields where entry.permissions.allows(field) {
                let current = winners[field]
                // Written out in full rather than through ActivityStamp, so the oracle does not share the policy's code.
                let newer = current.map { c in
                    entry.activity.occurredAt != c.occurredAt ? entry.activity.occurredAt > c.occurredAt
                        : entry.activity.activityID != c.activityID ? entry.activity.activityID > c.activityID
                        : entry.activity.source.rawValue >= c.source.rawValue
                } ?? true
                if newer { winners[field] = entry.activity }
            }
        }
        return winners
    }

    static func check(_ state: ProfileFieldState, against log: [Applied], seed: UInt64, step: Int) {
        let winners = expected(log)
        #expect(Set(state.keys) == Set(winners.keys), "seed \(seed) step \(step): fields \(state.keys.sorted()) vs \(winners.keys.sorted())")
        for (field, value) in state {
            // The writer was allowed to write this field when its activity was applied.
            let writer = log.first { $0.activity.source == value.provenance.source && $0.activity.activityID == value.provenance.activityID }
            #expect(writer != nil, "seed \(seed) step \(step): \(field) written by an activity never applied")
            #expect(writer?.permissions.allows(field) == true, "seed \(seed) step \(step): \(value.provenance.source) wrote \(field) without permission")
            #expect(writer?.activity.fields[field] == value.value, "seed \(seed) step \(step): \(field) holds a value its writer did not send")
            guard let winner = winners[field] else { continue }
            #expect(value.value == winner.fields[field], "seed \(seed) step \(step): \(field) = \(value.value), expected \(winner.fields[field] ?? "-")")
            #expect(value.provenance.source == winner.source && value.provenance.activityID == winner.activityID && value.provenance.occurredAt == winner.occurredAt,
                    "seed \(seed) step \(step): \(field) provenance \(value.provenance.stamp), expected \(winner.stamp)")
        }
    }

    @Test(arguments: 0..<8)
    func onlyPermittedSourcesWriteAndTheMostRecentPermittedActivityWins(_ batch: Int) {
        for round in 0..<60 {
            let seed = UInt64(batch * 1_000 + round)
            var rng = SplitMix64(seed: seed)
            var permissions: [ProfileSource: FieldPermissions] = [:]
            var halves: [ProfileFieldState] = [[:], [:]]
            var whole: ProfileFieldState = [:]
            var log: [Applied] = []
            var used: Set<String> = []
            for step in 0..<80 {
                if Int.random(in: 0..<6, using: &rng) == 0 {
                    permissions[Self.sources.randomElement(using: &rng)!] = Self.randomPermissions(&rng)
                    continue
                }
                let source = Self.sources.randomElement(using: &rng)!
                // Few times and ids, so ties on time and on (time, id) across sources happen often.
                let id = "a\(Int.random(in: 0..<4, using: &rng))-\(Int.random(in: 0..<6, using: &rng))"
                guard used.insert("\(source.rawValue)/\(id)").inserted else { continue }
                var fields: [ProfileField: String] = [:]
                for field in Self.fields where Int.random(in: 0..<3, using: &rng) == 0 { fields[field] = "v\(Int.random(in: 0..<4, using: &rng))" }
                let activity = ProfileActivity(source: source, activityID: id, identity: "p", occurredAt: Int64.random(in: 0..<12, using: &rng), fields: fields)
                let allowed = permissions[source] ?? .allFields
                let half = Int.random(in: 0..<2, using: &rng)
                halves[half] = ProfileMergePolicy.apply(activity, to: halves[half], permissions: allowed, now: Int64(step)).state
                let outcome = ProfileMergePolicy.apply(activity, to: whole, permissions: allowed, now: Int64(step))
                #expect(Set(outcome.denied) == Set(fields.keys.filter { !allowed.allows($0) }), "seed \(seed) step \(step): denied fields")
                for change in outcome.changes { #expect(allowed.allows(change.field) && change.source == source, "seed \(seed) step \(step): change \(change)") }
                whole = outcome.state
                log.append(Applied(activity: activity, permissions: allowed, half: half))
                Self.check(whole, against: log, seed: seed, step: step)
            }
            // Each half alone follows the rule over its own activities; merged, the halves equal the whole.
            for half in 0..<2 { Self.check(halves[half], against: log.filter { $0.half == half }, seed: seed, step: -1 - half) }
            let merged = ProfileMergePolicy.merge(halves[1], into: halves[0]).state
            Self.check(merged, against: log, seed: seed, step: -3)
            #expect(merged.mapValues(\.value) == whole.mapValues(\.value), "seed \(seed): merged halves differ from the whole")
        }
    }
}
