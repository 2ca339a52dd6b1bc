extension BaseDataset {
    private static let places = ["Leeds", "Bristol", "Edinburgh", "Dublin", "Boston", "Toronto", "Melbourne", "Cork",
                                 "York", "Bath", "Oxford", "Galway"]

    /// Name of base organization `index`: unique by construction (word × pattern, then a place, then a number).
    func organizationName(_ index: Int) -> String {
        let words = PeopleVocabulary.organizationWords
        let patterns = PeopleVocabulary.organizationPatterns
        let combinations = words.count * patterns.count
        let n = index - 1
        let block = n / combinations
        let shuffled = (n % combinations) * 7919 % combinations
        let word = words[shuffled % words.count]
        let partner = PeopleVocabulary.partnerWords[(shuffled / 3) % PeopleVocabulary.partnerWords.count]
        let base = patterns[shuffled / words.count].replacingAll("{1}", with: word).replacingAll("{2}", with: partner)
        switch block {
        case 0: return base
        case 1...BaseDataset.places.count: return base + " " + BaseDataset.places[block - 1]
        default: return base + " \(block)"
        }
    }

    /// `larkspurpress.example` for "Larkspur Press".
    func organizationDomain(_ index: Int) -> String {
        BaseDataset.asciiSlug(organizationName(index)) + ".example"
    }

    /// Base organization `index` (1…organizationCount).
    func organization(_ index: Int) -> OrganizationRecord {
        var random = SplitMix64(seed: layout.seed, stream: RecordStream.organization, index: UInt64(index))
        let domain = organizationDomain(index)
        var domains = [domain]
        if random.chance(0.15) { domains.append(domain.replacingAll(".example", with: "-books.example")) }
        var tags: [String] = []
        for _ in 0..<random.below(3) {
            let tag = random.pick(PeopleVocabulary.organizationTags)
            if !tags.contains(tag) { tags.append(tag) }
        }
        let updatedAt = layout.organizationUpdatedAt(index)
        return OrganizationRecord(
            id: layout.organizationID(index),
            name: organizationName(index),
            sharedTickets: random.chance(0.3),
            sharedComments: random.chance(0.2),
            externalID: random.chance(0.4) ? "ACCT-" + BaseDataset.zeroPadded(1000 + index, width: 6) : nil,
            createdAt: updatedAt - Int64(random.below(700 * 86_400)),
            updatedAt: updatedAt,
            domainNames: domains,
            details: random.pick(PeopleVocabulary.organizationDetails),
            notes: random.chance(0.3) ? "Net 30 payment terms; orders via EDI." : nil,
            groupID: random.chance(0.3) ? DatasetLayout.groupIDs[random.below(DatasetLayout.groupIDs.count)] : nil,
            tags: tags.sorted(),
            deletedAt: nil
        )
    }
}
