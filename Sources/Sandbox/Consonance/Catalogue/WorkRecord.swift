/// A title as the publisher manages it: the work, its contributions, its products and its head contract.
struct WorkRecord: Sendable {
    var id: Int
    var title: String
    var subtitle: String?
    var workType: String
    /// The publisher's own stage name ("Editorial", "Typesetting", "Published").
    var projectStage: String
    var season: String?
    var editionNumber: Int
    var editionStatement: String?
    var imprintID: Int
    var series: SeriesMembershipRecord?
    var contributions: [ContributionRecord]
    var productIDs: [Int]
    var contractID: Int?
    var marketingTexts: [MarketingTextRecord]
    var publishersUrl: String?
    var changed: SandboxDate
}

/// One contributor's part in a work, and the products it applies to.
struct ContributionRecord: Sendable {
    var id: Int
    var sequenceNumber: Int
    /// ONIX List 17 (`A01`).
    var role: String
    var contactID: Int
    var productIDs: [Int]
}

/// A marketing text of a work; products show their work's texts.
struct MarketingTextRecord: Sendable {
    var id: Int
    /// The schema's `MarketingTextVariant` (`SHORT_DESCRIPTION`, …).
    var variant: String
    var externalText: String
    var internalText: String?
    var fromDate: SandboxDate?
}

/// A work's place in a series.
struct SeriesMembershipRecord: Sendable {
    var seriesID: Int
    var partNumber: String?
}

/// A series of works.
struct SeriesRecord: Sendable {
    var id: Int
    var name: String
    var subtitle: String?
}

/// An imprint (reached only through `work.imprint` and `imprintIdIn`: Consonance has no imprint query).
struct ImprintRecord: Sendable {
    var id: Int
    var name: String
    /// Web host used for generated links (`larkspurpress.example`).
    var host: String
}
