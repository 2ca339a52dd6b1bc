/// Plans a work's head contract from its project stage: when it was signed, when the manuscript is (or was) due
/// and delivered, proofs, the publish-before deadline, the scheduled deliverables and the rights acquired.
///
/// Dates are relative to the sandbox's `today`, so every catalogue has manuscripts overdue (due in the past, not
/// delivered), deliveries due in the next weeks, slipped deliverables and long-published titles.
struct ContractPlanner {
    let today: SandboxDate

    /// The contract without its id (ids follow the signing order, assigned once every work exists).
    func plan(workID: Int, title: String, stage: String, firstPublication: SandboxDate, clientID: Int,
              illustrated: Bool, random: inout SplitMix64, counters: inout Catalogue.IDCounters) -> ContractRecord {
        var msDue: SandboxDate
        var revised: SandboxDate?
        var delivered: SandboxDate?
        var slipped: SandboxDate?
        switch stage {
        case "Acquisition":
            msDue = today.adding(days: random.within(60...400))
        case "Editorial":
            msDue = today.adding(days: random.within(-40...40))
            if random.chance(0.3) {
                slipped = msDue.adding(days: random.within(14...60))
                revised = slipped
            }
        default:
            msDue = min(firstPublication.adding(days: -random.within(240...480)), today.adding(days: -7))
            delivered = min(msDue.adding(days: random.within(-14...21)), today.adding(days: -1))
            if random.chance(0.15) {
                slipped = msDue.adding(days: random.within(7...45))
                revised = slipped
            }
        }
        var signed: SandboxDate? = min(msDue.adding(days: -random.within(180...540)), today.adding(days: -5))
        if stage == "Acquisition" {
            signed = random.chance(0.3) ? nil : today.adding(days: -random.within(5...60))
        }
        let proofs = firstPublication.adding(days: -random.within(75...120))

        var deliveries = [DeliveryDateRecord(
            id: Catalogue.IDCounters.take(&counters.deliveryDate), dateDue: msDue, deliverableType: "Manuscript",
            deliveryRequirement: "Complete manuscript, Word format", percentageOfTotal: illustrated ? 60 : 100,
            slippedDate: slipped)]
        if illustrated {
            deliveries.append(DeliveryDateRecord(
                id: Catalogue.IDCounters.take(&counters.deliveryDate), dateDue: msDue.adding(days: random.within(30...90)),
                deliverableType: "Illustrations", deliveryRequirement: "Final artwork for all spreads",
                percentageOfTotal: 40, slippedDate: nil))
        }
        if random.chance(0.2) {
            deliveries.append(DeliveryDateRecord(
                id: Catalogue.IDCounters.take(&counters.deliveryDate), dateDue: proofs.adding(days: random.within(14...28)),
                deliverableType: "Index", deliveryRequirement: "Index to second proofs", percentageOfTotal: nil,
                slippedDate: nil))
        }

        var rights: [LicensedRightRecord] = []
        var available = ConsonanceVocabulary.rights
        for _ in 0..<random.within(2...5) where !available.isEmpty {
            let right = available.remove(at: random.below(available.count))
            rights.append(LicensedRightRecord(id: Catalogue.IDCounters.take(&counters.licensedRight),
                                              rightType: right.type, authorCut: right.authorCut))
        }

        let freeCopies = random.pick([10, 12, 20])
        let advance = Double(random.within(4...120) * 500)
        return ContractRecord(
            id: 0, workID: workID, clientID: clientID, contractName: "\(title) (head contract)",
            description: random.chance(0.6) ? "World English language volume rights" : "UK and Commonwealth volume rights",
            signedDate: signed, term: random.chance(0.5) ? nil : random.pick([60, 84, 120]),
            terminatedDate: nil, terminationReason: nil,
            reviewDate: signed.map { $0.adding(days: 365 * 5) }, copyrightYear: firstPublication.year,
            msDeliveryDate: msDue, revisedMsDeliveryDate: revised, actualMsDeliveryDate: delivered,
            msProofsDate: proofs, pubBeforeDate: firstPublication.adding(days: random.within(60...365)),
            deliveryDates: deliveries, licensedRights: rights, freeCopies: freeCopies,
            freeCopiesUsed: stage == "Published" ? random.within(0...freeCopies) : 0,
            flatFeeValue: nil, guaranteedRoyaltyValue: advance, authorDiscount: random.pick([35.0, 40.0]),
            remainderRate: 10, changed: today.adding(days: -random.within(1...700)))
    }
}
