import Foundation

/// Per-connection choices for Consonance polling, stored (unencrypted) with the connection.
public struct ConsonanceConnectionSettings: Codable, Sendable, Equatable {
    /// Contract ids to watch. Consonance has no contract list, so contracts are found by id: these, plus — with
    /// ``discoverContracts`` — ids probed upwards from 1 until ``contractProbeGap`` ids in a row do not exist.
    public var contractIDs: [Int]
    public var discoverContracts: Bool
    public var contractProbeGap: Int
    /// `milestone.due` fires this many days before a milestone.
    public var dueWithinDays: Int
    /// A rights review still waiting for a decision after this many days is a missed approval.
    public var approvalDays: Int

    public init(contractIDs: [Int] = [], discoverContracts: Bool = true, contractProbeGap: Int = 20, dueWithinDays: Int = 7, approvalDays: Int = 5) {
        self.contractIDs = contractIDs
        self.discoverContracts = discoverContracts
        self.contractProbeGap = contractProbeGap
        self.dueWithinDays = dueWithinDays
        self.approvalDays = approvalDays
    }

    enum CodingKeys: String, CodingKey {
        case contractIDs = "contract_ids", discoverContracts = "discover_contracts", contractProbeGap = "contract_probe_gap"
        case dueWithinDays = "due_within_days", approvalDays = "approval_days"
    }

    public init(from decoder: any Decoder) throws {
        let defaults = ConsonanceConnectionSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        contractIDs = try c.decodeIfPresent([Int].self, forKey: .contractIDs) ?? defaults.contractIDs
        discoverContracts = try c.decodeIfPresent(Bool.self, forKey: .discoverContracts) ?? defaults.discoverContracts
        contractProbeGap = try c.decodeIfPresent(Int.self, forKey: .contractProbeGap) ?? defaults.contractProbeGap
        dueWithinDays = try c.decodeIfPresent(Int.self, forKey: .dueWithinDays) ?? defaults.dueWithinDays
        approvalDays = try c.decodeIfPresent(Int.self, forKey: .approvalDays) ?? defaults.approvalDays
    }

    var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(self), as: UTF8.self)) ?? "{}"
    }
}
