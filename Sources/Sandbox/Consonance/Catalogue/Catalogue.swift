/// Everything the Consonance sandbox holds: one value, copied cheaply (copy-on-write) into a snapshot for each
/// request and changed in place by mutations under the store's lock.
///
/// Records sit in arrays in ascending id order, so a lookup by id is an index and `after` paging is a slice. Ids of
/// each kind are dense: works and contracts from 1, products from `productIDBase + 1`, contacts from
/// `contactIDBase + 1`.
struct Catalogue: Sendable {
    static let productIDBase = 100_000
    static let contactIDBase = 500_000

    /// The sandbox's calendar date: changes are stamped with it.
    var today: SandboxDate
    /// Seed of the data; also decides which unchanged records over-reporting adds.
    var seed: UInt64
    var imprints: [ImprintRecord] = []
    var series: [SeriesRecord] = []
    var works: [WorkRecord] = []
    var products: [ProductRecord] = []
    var contacts: [ContactRecord] = []
    var contracts: [ContractRecord] = []
    var productIDByISBN: [String: Int] = [:]
    var webLinkOwners: [Int: WebLinkOwner] = [:]
    var deliveryDateContracts: [Int: Int] = [:]
    var counters = IDCounters()

    /// Next ids of the small records that live inside others.
    struct IDCounters: Sendable {
        var webLink = 1
        var deliveryDate = 1
        var licensedRight = 1
        var price = 1
        var contribution = 1
        var marketingText = 1

        static func take(_ counter: inout Int) -> Int {
            defer { counter += 1 }
            return counter
        }
    }

    /// What a web link is attached to.
    enum WebLinkOwner: Sendable, Equatable {
        case product(Int)
        case contact(Int)
    }

    // MARK: Lookup

    func workIndex(_ id: Int) -> Int? {
        id >= 1 && id <= works.count ? id - 1 : nil
    }

    func productIndex(_ id: Int) -> Int? {
        let index = id - Catalogue.productIDBase - 1
        return index >= 0 && index < products.count ? index : nil
    }

    func contactIndex(_ id: Int) -> Int? {
        let index = id - Catalogue.contactIDBase - 1
        return index >= 0 && index < contacts.count ? index : nil
    }

    func contractIndex(_ id: Int) -> Int? {
        id >= 1 && id <= contracts.count ? id - 1 : nil
    }

    func work(_ id: Int) -> WorkRecord? { workIndex(id).map { works[$0] } }
    func product(_ id: Int) -> ProductRecord? { productIndex(id).map { products[$0] } }
    func contact(_ id: Int) -> ContactRecord? { contactIndex(id).map { contacts[$0] } }
    func contract(_ id: Int) -> ContractRecord? { contractIndex(id).map { contracts[$0] } }

    /// First index of records with an id greater than `after` in an array whose ids start at `base + 1`.
    static func startIndex(after: Int?, base: Int) -> Int {
        guard let after else { return 0 }
        return max(0, after - base)
    }

    // MARK: Change stamps

    /// The latest change to a work, its products or its contributors — what `changedSince` compares for works and
    /// (because Consonance reports sibling products too) for products.
    func lastChange(ofWork id: Int) -> SandboxDate {
        guard let work = work(id) else { return SandboxDate(daysSinceEpoch: .min) }
        var latest = work.changed
        for productID in work.productIDs {
            if let product = product(productID), product.changed > latest { latest = product.changed }
        }
        for contribution in work.contributions {
            if let contact = contact(contribution.contactID), contact.changed > latest { latest = contact.changed }
        }
        return latest
    }

    /// Whether an unchanged record is reported anyway (the `overReportChanges` fault): a stable pseudo-random choice
    /// per record kind, id and `changedSince` date.
    func overReports(kind: UInt64, id: Int, since: SandboxDate, probability: Double) -> Bool {
        guard probability > 0 else { return false }
        let hash = SplitMix64.mix(seed ^ SplitMix64.mix(kind &* 0x9E37 &+ UInt64(bitPattern: Int64(id)))
            ^ UInt64(bitPattern: Int64(since.daysSinceEpoch)))
        return Double(hash >> 11) * 0x1.0p-53 < probability
    }
}
