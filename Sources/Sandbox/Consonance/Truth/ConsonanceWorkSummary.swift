/// What the sandbox holds for one work, for tests that pick data and compare a client's view with the truth.
public struct ConsonanceWorkSummary: Sendable, Equatable {
    public var id: Int
    public var title: String
    public var subtitle: String?
    public var projectStage: String
    public var season: String?
    public var imprintID: Int
    public var imprintName: String
    public var contractID: Int?
    /// Ascending.
    public var productIDs: [Int]
    /// Contacts credited on the work, in sequence order.
    public var contributorIDs: [Int]
    /// When the work record itself last changed.
    public var changed: SandboxDate
    /// The latest change to the work, its products or its contributors — what `changedSince` compares.
    public var lastChanged: SandboxDate

    init(_ work: WorkRecord, in catalogue: Catalogue) {
        id = work.id
        title = work.title
        subtitle = work.subtitle
        projectStage = work.projectStage
        season = work.season
        imprintID = work.imprintID
        imprintName = catalogue.imprints.first { $0.id == work.imprintID }?.name ?? ""
        contractID = work.contractID
        productIDs = work.productIDs
        contributorIDs = work.contributions.sorted { $0.sequenceNumber < $1.sequenceNumber }.map(\.contactID)
        changed = work.changed
        lastChanged = catalogue.lastChange(ofWork: work.id)
    }
}

/// An imprint: id and name (reached in the API only through `work.imprint`).
public struct ConsonanceImprintSummary: Sendable, Equatable {
    public var id: Int
    public var name: String
}
