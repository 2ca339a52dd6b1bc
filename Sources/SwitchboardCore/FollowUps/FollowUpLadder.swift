import Foundation
import LooseJSON

/// What happens to a request nobody has answered: reminders, then escalations, each a set time after the request
/// went out. Rights approvals, blocked-title alerts and metadata confirmations all chase their answer this way, and
/// the hours are the team's to set in the flow file (`ladder: [{after: 24h, stage: reminder}, {after: 48h, stage:
/// escalation, roles: [coordinator]}]`).
public struct FollowUpLadder: Sendable, Equatable {
    /// One rung: `after` seconds from the start, a reminder to the same people or an escalation to `roles`.
    public struct Stage: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable { case reminder, escalation }

        public var after: Int64
        public var kind: Kind
        /// Who hears an escalation (contact roles, or whatever the flow reads them as); empty for reminders.
        public var roles: [String]
        public var label: String?

        public init(after: Int64, kind: Kind, roles: [String] = [], label: String? = nil) {
            self.after = after
            self.kind = kind
            self.roles = roles
            self.label = label
        }
    }

    public var stages: [Stage]

    public init(_ stages: [Stage]) {
        self.stages = stages.sorted { $0.after < $1.after }
    }

    /// Reads the flow parameter: a list of `{after, stage, roles?, label?}` where `after` is a duration (`4h`,
    /// `90m`, `2d`) or a number of hours, and `stage` is `reminder` (default) or `escalation`.
    public init(parsing value: JSONValue?) throws(FollowUpLadderError) {
        guard let value, value != .null else { self.init([]); return }
        guard case .array(let items) = value else { throw FollowUpLadderError("ladder must be a list of {after, stage, roles}") }
        var stages: [Stage] = []
        for (index, item) in items.enumerated() {
            guard case .object(let fields) = item else { throw FollowUpLadderError("ladder[\(index)] must be {after: 24h, stage: reminder|escalation, roles: […]}") }
            let after: Int64
            switch fields["after"] {
            case .number(let hours)?:
                guard hours >= 0 else { throw FollowUpLadderError("ladder[\(index)].after must not be negative") }
                after = Int64((hours * 3600).rounded())
            case .string(let text)?:
                if let hours = Double(text) {
                    after = Int64((hours * 3600).rounded())
                } else if let duration = DurationText.parse(text) {
                    after = max(0, Int64(duration.components.seconds))
                } else {
                    throw FollowUpLadderError("ladder[\(index)].after: \"\(text)\" is not a duration (24h, 90m, 2d) or a number of hours")
                }
            default: throw FollowUpLadderError("ladder[\(index)] needs after (a duration such as 24h, or hours)")
            }
            let kindText = fields["stage"]?.stringValue ?? "reminder"
            guard let kind = Stage.Kind(rawValue: kindText) else {
                throw FollowUpLadderError("ladder[\(index)].stage: \"\(kindText)\" is not reminder or escalation")
            }
            var roles: [String] = []
            switch fields["roles"] {
            case .array(let values)?: roles = values.compactMap(\.stringValue)
            case .string(let text)?: roles = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            default: break
            }
            if kind == .escalation, roles.isEmpty { throw FollowUpLadderError("ladder[\(index)] is an escalation but names no roles to escalate to") }
            stages.append(Stage(after: after, kind: kind, roles: roles, label: fields["label"]?.stringValue))
        }
        self.init(stages)
    }

    /// The stored form, read back by ``init(parsing:)``.
    public var json: JSONValue {
        .array(stages.map { stage in
            var fields: [String: JSONValue] = ["after": .string("\(stage.after)s"), "stage": .string(stage.kind.rawValue),
                                               "roles": .array(stage.roles.map(JSONValue.string))]
            if let label = stage.label { fields["label"] = .string(label) }
            return .object(fields)
        })
    }

    /// When stage `index` falls due for a request started at `start`; nil past the last stage.
    public func dueTime(of index: Int, startedAt start: Int64) -> Int64? {
        stages.indices.contains(index) ? start + stages[index].after : nil
    }

    /// How many reminders and escalations come at or before stage `index` (1-based counts for messages).
    public func counts(through index: Int) -> (reminders: Int, escalations: Int) {
        let upTo = stages.prefix(index + 1)
        return (upTo.filter { $0.kind == .reminder }.count, upTo.filter { $0.kind == .escalation }.count)
    }
}

/// A ladder a flow gave that cannot be followed; the text says which rung and why.
public struct FollowUpLadderError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
