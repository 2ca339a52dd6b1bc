/// The values resolvers pass down the GraphQL tree for the catalogue's main records: the record itself plus the
/// snapshot it came from, so nested fields (a product's work, a contribution's contact) read the same version.
///
/// Small objects without behaviour (ISBN, Price, WebLink, …) are plain `[String: any Sendable]` dictionaries read by
/// GraphQLSwift's default resolver instead.
struct ProductNode: Sendable {
    let record: ProductRecord
    let snapshot: CatalogueSnapshot
}

struct WorkNode: Sendable {
    let record: WorkRecord
    let snapshot: CatalogueSnapshot
}

struct ContactNode: Sendable {
    let record: ContactRecord
    let snapshot: CatalogueSnapshot
}

struct ContributionNode: Sendable {
    let record: ContributionRecord
    let workID: Int
    let snapshot: CatalogueSnapshot
}

struct ContractNode: Sendable {
    let record: ContractRecord
    let snapshot: CatalogueSnapshot
}

extension CatalogueSnapshot {
    func productNode(_ id: Int) -> ProductNode? {
        catalogue.product(id).map { ProductNode(record: $0, snapshot: self) }
    }

    func workNode(_ id: Int) -> WorkNode? {
        catalogue.work(id).map { WorkNode(record: $0, snapshot: self) }
    }

    func contactNode(_ id: Int) -> ContactNode? {
        catalogue.contact(id).map { ContactNode(record: $0, snapshot: self) }
    }

    func contractNode(_ id: Int) -> ContractNode? {
        catalogue.contract(id).map { ContractNode(record: $0, snapshot: self) }
    }
}

/// Builds the dictionaries behind small GraphQL objects, leaving out `nil` values (which then read as `null`).
func graphQLObject(_ pairs: KeyValuePairs<String, (any Sendable)?>) -> [String: any Sendable] {
    var object: [String: any Sendable] = [:]
    for (key, value) in pairs {
        if let value { object[key] = value }
    }
    return object
}
