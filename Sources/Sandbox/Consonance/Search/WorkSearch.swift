/// `WorkSearchAttributes`: the filters of `works`, `work` and `products(workSearch:)`, with ransack's blank rule
/// (see `ProductSearch`).
struct WorkSearch: Sendable {
    var after: Int?
    var idEq: Int?
    var contractIdEq: Int?
    var changedSince: SandboxDate?
    var titleEq: String?
    var titleCont: String?
    var subtitleEq: String?
    var subtitleCont: String?
    var subtitlePresent: Bool?
    var imprintIdIn: Set<Int>?

    init() {}

    init(_ arguments: FieldArguments?) {
        guard let arguments else { return }
        after = arguments.int("after")
        idEq = arguments.int("idEq")
        contractIdEq = arguments.int("contractIdEq")
        changedSince = arguments.date("changedSince")
        titleEq = arguments.present("titleEq")
        titleCont = arguments.present("titleCont")?.lowercased()
        subtitleEq = arguments.present("subtitleEq")
        subtitleCont = arguments.present("subtitleCont")?.lowercased()
        subtitlePresent = arguments.bool("subtitlePresent")
        if let ids = arguments.ints("imprintIdIn"), !ids.isEmpty { imprintIdIn = Set(ids) }
    }

    func matches(_ work: WorkRecord, in catalogue: Catalogue, overReport: Double) -> Bool {
        if let after, work.id <= after { return false }
        if let idEq, work.id != idEq { return false }
        if let contractIdEq, work.contractID != contractIdEq { return false }
        if let titleEq, work.title != titleEq { return false }
        if let titleCont, !work.title.lowercased().contains(titleCont) { return false }
        if let subtitleEq, work.subtitle != subtitleEq { return false }
        if let subtitleCont, !(work.subtitle?.lowercased().contains(subtitleCont) ?? false) { return false }
        if let subtitlePresent, (work.subtitle.map { !$0.trimmingSpaces().isEmpty } ?? false) != subtitlePresent {
            return false
        }
        if let imprintIdIn, !imprintIdIn.contains(work.imprintID) { return false }
        if let changedSince {
            // Includes changes to the work's products and contributors; contract changes do not count.
            let changed = catalogue.lastChange(ofWork: work.id) >= changedSince
            if !changed, !catalogue.overReports(kind: 2, id: work.id, since: changedSince, probability: overReport) {
                return false
            }
        }
        return true
    }

    /// Ids worth checking: a direct lookup for `idEq` and `contractIdEq`, else every id after `after`.
    func candidates(in catalogue: Catalogue) -> [Int]? {
        if let idEq { return catalogue.work(idEq) == nil ? [] : [idEq] }
        if let contractIdEq { return catalogue.contract(contractIdEq).map { [$0.workID] } ?? [] }
        return nil
    }
}
