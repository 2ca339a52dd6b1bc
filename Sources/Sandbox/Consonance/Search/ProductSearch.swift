/// `ProductSearchAttributes`: the filters of `products`, `product`, `works(productSearch:)` and
/// `Work.products(productSearch:)`.
///
/// Consonance's attribute names are ransack predicates (`titleCont`, `publicationDateGteq`), and ransack drops blank
/// values: an empty string or an empty list filters nothing (the schema documents this for `productTypes`). The
/// sandbox applies that rule to every attribute, so `isbn13Eq: ""` matches every product, as it would for real.
struct ProductSearch: Sendable {
    var after: Int?
    var idEq: Int?
    var isbn13Eq: String?
    var isbn13In: Set<String>?
    var isbn13Assigned: Bool?
    var titleEq: String?
    var titleCont: String?
    /// Typed `String` in the schema; `"true"`/`"false"` (also `t`/`f`, `1`/`0`), anything else is ignored.
    var titlePrefixPresent: Bool?
    var publicationDateEq: SandboxDate?
    var publicationDateGt: SandboxDate?
    var publicationDateLt: SandboxDate?
    var publicationDateGteq: SandboxDate?
    var publicationDateLteq: SandboxDate?
    var forms: Set<String>?
    var changedSince: SandboxDate?
    var types: Set<String>?

    init() {}

    init(_ arguments: FieldArguments?) {
        guard let arguments else { return }
        after = arguments.int("after")
        idEq = arguments.int("idEq")
        isbn13Eq = arguments.present("isbn13Eq")
        isbn13In = arguments.nonEmptyStrings("isbn13In").map(Set.init)
        isbn13Assigned = arguments.bool("isbn13Assigned")
        titleEq = arguments.present("titleEq")
        titleCont = arguments.present("titleCont")?.lowercased()
        switch arguments.present("titlePrefixPresent")?.lowercased() {
        case "true", "t", "1", "yes": titlePrefixPresent = true
        case "false", "f", "0", "no": titlePrefixPresent = false
        default: titlePrefixPresent = nil
        }
        publicationDateEq = arguments.date("publicationDateEq")
        publicationDateGt = arguments.date("publicationDateGt")
        publicationDateLt = arguments.date("publicationDateLt")
        publicationDateGteq = arguments.date("publicationDateGteq")
        publicationDateLteq = arguments.date("publicationDateLteq")
        forms = arguments.nonEmptyStrings("onix21ProductFormCodeIn").map { Set($0.map(ONIXCodes.code)) }
        changedSince = arguments.date("changedSince")
        types = arguments.nonEmptyStrings("productTypes").map(Set.init)
    }

    func matches(_ product: ProductRecord, in catalogue: Catalogue, overReport: Double) -> Bool {
        if let after, product.id <= after { return false }
        if let idEq, product.id != idEq { return false }
        if let isbn13Eq, product.isbn13 != isbn13Eq { return false }
        if let isbn13In, !(product.isbn13.map(isbn13In.contains) ?? false) { return false }
        if let isbn13Assigned, (product.isbn13 != nil) != isbn13Assigned { return false }
        if let titleEq, product.fullTitle != titleEq { return false }
        if let titleCont, !product.fullTitle.lowercased().contains(titleCont) { return false }
        if let titlePrefixPresent, (product.titlePrefix?.isEmpty == false) != titlePrefixPresent { return false }
        if hasDateFilter {
            guard let date = product.publicationDate else { return false }
            if let publicationDateEq, date != publicationDateEq { return false }
            if let publicationDateGt, date <= publicationDateGt { return false }
            if let publicationDateLt, date >= publicationDateLt { return false }
            if let publicationDateGteq, date < publicationDateGteq { return false }
            if let publicationDateLteq, date > publicationDateLteq { return false }
        }
        if let forms, !forms.contains(product.formCode) { return false }
        if let types, !types.contains(product.typename.rawValue) { return false }
        if let changedSince {
            // "Probably changed since": a change to the product, a sibling, the work or a contributor counts.
            let changed = catalogue.lastChange(ofWork: product.workID) >= changedSince
            if !changed, !catalogue.overReports(kind: 1, id: product.id, since: changedSince, probability: overReport) {
                return false
            }
        }
        return true
    }

    private var hasDateFilter: Bool {
        publicationDateEq != nil || publicationDateGt != nil || publicationDateLt != nil || publicationDateGteq != nil
            || publicationDateLteq != nil
    }

    /// Ids worth checking, ascending: a direct lookup for `idEq` and the ISBN filters, else every id after `after`.
    func candidates(in catalogue: Catalogue) -> [Int]? {
        if let idEq { return catalogue.product(idEq) == nil ? [] : [idEq] }
        if let isbn13Eq { return catalogue.productIDByISBN[isbn13Eq].map { [$0] } ?? [] }
        if let isbn13In { return isbn13In.compactMap { catalogue.productIDByISBN[$0] }.sorted() }
        return nil
    }
}
